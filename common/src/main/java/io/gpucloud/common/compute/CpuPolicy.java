package io.gpucloud.common.compute;

import java.util.Optional;

/**
 * Whether guest CPUs float over shared host CPUs ({@code VCPU}) or are pinned to dedicated ones ({@code PCPU}): the
 * {@code hw:cpu_policy} extra spec. Nova's third value, {@code mixed}, is not supported here: it needs
 * {@code hw:cpu_dedicated_mask} and per-CPU pinning that our compute agent does not do, so it is rejected rather than
 * silently treated as one of these.
 */
public enum CpuPolicy {
    /** Floating vCPUs, counted as {@code VCPU}; the default. */
    SHARED("shared"),
    /** Pinned CPUs, counted as {@code PCPU}. */
    DEDICATED("dedicated");

    private final String wireValue;

    CpuPolicy(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as written in the {@code hw:cpu_policy} extra spec. */
    public String wireValue() {
        return wireValue;
    }

    /** The policy spelled exactly {@code value} (lower case). */
    public static Optional<CpuPolicy> fromWireValue(String value) {
        for (CpuPolicy policy : values()) {
            if (policy.wireValue.equals(value)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
