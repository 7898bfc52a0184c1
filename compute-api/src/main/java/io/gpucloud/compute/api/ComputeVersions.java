package io.gpucloud.compute.api;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.common.api.MicroversionNegotiator;

/**
 * The Nova microversions this API speaks, 2.1 to {@link #MAXIMUM}. Where a behaviour depends on the version,
 * the code says {@code version.atLeast(2, n)} next to it; docs/compute-api.md lists the differences honoured.
 */
public final class ComputeVersions {

    public static final ApiVersion MINIMUM = new ApiVersion(2, 1);
    public static final ApiVersion MAXIMUM = new ApiVersion(2, 79);
    public static final String SERVICE_TYPE = "compute";
    /** The header clients before 2.27 (and novaclient still, alongside the standard one) send. */
    public static final String LEGACY_HEADER = "X-OpenStack-Nova-API-Version";

    private ComputeVersions() {
    }

    public static MicroversionNegotiator negotiator() {
        return new MicroversionNegotiator(SERVICE_TYPE, LEGACY_HEADER, MINIMUM, MAXIMUM);
    }
}
