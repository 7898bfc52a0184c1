package io.gpucloud.compute.flavor;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.JsonBody;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A {@code POST /flavors} body, normalised as Nova does: ids may come as numbers or be absent (or "auto") for a
 * generated uuid, sizes may come as digit strings, {@code is_public} as "True"/"false" in any case.
 *
 * @param id null when the server is to choose one
 */
record NewFlavor(String id, String name, String description, int vcpus, int ramMb, int diskGb, int ephemeralGb,
        int swapMb, double rxtxFactor, boolean isPublic) {

    private static final Pattern ID = Pattern.compile("^(?! )[a-zA-Z0-9. _-]{1,255}(?<! )$");
    private static final Set<String> KEYS = Set.of("id", "name", "ram", "vcpus", "disk", "swap", "rxtx_factor",
            "OS-FLV-EXT-DATA:ephemeral", "os-flavor-access:is_public");
    private static final int MAX_DESCRIPTION = 65535;

    /** @param withDescription whether the microversion (2.55+) accepts {@code description} */
    static NewFlavor parse(JsonNode body, boolean withDescription) {
        JsonBody flavor = JsonBody.root(body, "flavor");
        for (String key : flavor.node().propertyNames()) {
            if (!KEYS.contains(key) && !(withDescription && key.equals("description"))) {
                throw ApiException.badRequest("Invalid input for field/attribute flavor. Additional properties are "
                        + "not allowed ('" + key + "' was unexpected).");
            }
        }
        String name = flavor.requiredString("name");
        if (!name.strip().equals(name)) {
            throw ApiException.badRequest("Invalid flavor name '" + name + "': no leading or trailing whitespace.");
        }
        return new NewFlavor(id(flavor.raw("id")), name,
                withDescription ? description(flavor) : null,
                whole(flavor, "vcpus", 1, true), whole(flavor, "ram", 1, true), whole(flavor, "disk", 0, true),
                whole(flavor, "OS-FLV-EXT-DATA:ephemeral", 0, false), swap(flavor), rxtxFactor(flavor),
                isPublic(flavor.raw("os-flavor-access:is_public")));
    }

    static String description(JsonBody flavor) {
        return flavor.optionalString("description", MAX_DESCRIPTION).orElse(null);
    }

    private static String id(JsonNode id) {
        if (id == null || id.isNull()) {
            return null;
        }
        if (id.isIntegralNumber()) {
            return id.asString();
        }
        if (!id.isString()) {
            throw ApiException.badRequest("Invalid flavor id: use a string, a whole number or null.");
        }
        String text = id.stringValue();
        if (text.equalsIgnoreCase("auto")) {
            return null;
        }
        if (!ID.matcher(text).matches()) {
            throw ApiException.badRequest("Invalid flavor id '" + text + "': use 1 to 255 of letters, digits, "
                    + "'.', '_', '-' and inner spaces.");
        }
        return text;
    }

    /** A whole number, or its digits as a string (Tempest sends "ram": "1024"). */
    private static int whole(JsonBody flavor, String key, int minimum, boolean required) {
        JsonNode value = flavor.raw(key);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.badRequest("Expecting to find " + flavor.qualified(key) + " (a whole number) in "
                        + "the request.");
            }
            return 0;
        }
        long number;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.longValue();
        } else if (value.isString() && value.stringValue().strip().matches("-?\\d{1,12}")) {
            number = Long.parseLong(value.stringValue().strip());
        } else {
            throw ApiException.badRequest(flavor.qualified(key) + " must be a whole number.");
        }
        if (number < minimum || number > Integer.MAX_VALUE) {
            throw ApiException.badRequest(flavor.qualified(key) + " must be between " + minimum + " and "
                    + Integer.MAX_VALUE + ", was " + number + ".");
        }
        return (int) number;
    }

    // Old clients send swap as "" for none.
    private static int swap(JsonBody flavor) {
        JsonNode swap = flavor.raw("swap");
        if (swap != null && swap.isString() && swap.stringValue().isEmpty()) {
            return 0;
        }
        return whole(flavor, "swap", 0, false);
    }

    private static double rxtxFactor(JsonBody flavor) {
        JsonNode value = flavor.raw("rxtx_factor");
        if (value == null || value.isNull()) {
            return 1.0;
        }
        double factor;
        if (value.isNumber()) {
            factor = value.doubleValue();
        } else if (value.isString() && value.stringValue().matches("^[0-9]+(\\.[0-9]+)?$")) {
            factor = Double.parseDouble(value.stringValue());
        } else {
            throw ApiException.badRequest("'flavor.rxtx_factor' must be a number.");
        }
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw ApiException.badRequest("'flavor.rxtx_factor' must be greater than 0.");
        }
        return factor;
    }

    private static boolean isPublic(JsonNode value) {
        if (value == null || value.isNull()) {
            return true;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        Optional<Boolean> parsed = value.isString() ? parseBoolean(value.stringValue()) : Optional.empty();
        return parsed.orElseThrow(() -> ApiException.badRequest(
                "'flavor.os-flavor-access:is_public' must be true or false."));
    }

    /** Nova's (oslo's) boolean strings, in any case. */
    static Optional<Boolean> parseBoolean(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "on", "t" -> Optional.of(true);
            case "false", "0", "no", "n", "off", "f" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
