package io.gpucloud.common.api;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.function.Function;

/**
 * Reads the microversion a client asked for, the way OpenStack services do: the standard header
 * {@code OpenStack-API-Version: <service-type> <version>} (possibly a comma-separated list for
 * several services), else the service's legacy header (e.g. {@code X-OpenStack-Nova-API-Version}),
 * else the minimum. {@code latest} means the maximum; anything outside [minimum, maximum] is a 406.
 */
public final class MicroversionNegotiator {

    public static final String STANDARD_HEADER = "OpenStack-API-Version";

    private final String serviceType;
    private final String legacyHeader;
    private final ApiVersion minimum;
    private final ApiVersion maximum;

    public MicroversionNegotiator(String serviceType, String legacyHeader, ApiVersion minimum, ApiVersion maximum) {
        this.serviceType = requireNonNull(serviceType, "serviceType is null").toLowerCase(Locale.ROOT);
        this.legacyHeader = legacyHeader;
        this.minimum = requireNonNull(minimum, "minimum is null");
        this.maximum = requireNonNull(maximum, "maximum is null");
        if (minimum.compareTo(maximum) > 0) {
            throw new IllegalArgumentException("minimum " + minimum + " is above maximum " + maximum);
        }
    }

    public ApiVersion minimum() {
        return minimum;
    }

    public ApiVersion maximum() {
        return maximum;
    }

    /** @param headers looks up a request header by name, case-insensitively; null when absent */
    public ApiVersion negotiate(Function<String, String> headers) {
        String requested = fromStandardHeader(headers.apply(STANDARD_HEADER));
        if (requested == null && legacyHeader != null) {
            requested = headers.apply(legacyHeader);
        }
        if (requested == null || requested.isBlank()) {
            return minimum;
        }
        if (requested.trim().equalsIgnoreCase("latest")) {
            return maximum;
        }
        ApiVersion version = ApiVersion.parse(requested);
        if (version.compareTo(minimum) < 0 || version.compareTo(maximum) > 0) {
            throw new ApiException(406, "Version " + version + " is not supported by the API. Minimum is "
                    + minimum + " and maximum is " + maximum + ".");
        }
        return version;
    }

    private String fromStandardHeader(String header) {
        if (header == null) {
            return null;
        }
        for (String entry : header.split(",")) {
            String[] parts = entry.trim().split("\\s+");
            if (parts.length == 2 && parts[0].toLowerCase(Locale.ROOT).equals(serviceType)) {
                return parts[1];
            }
        }
        return null;
    }
}
