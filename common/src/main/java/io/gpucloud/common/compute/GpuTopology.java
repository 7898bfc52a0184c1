package io.gpucloud.common.compute;

import java.util.Optional;

/**
 * How the GPUs of one instance must sit relative to each other: our own extra spec {@code gpu:topology}. Placement
 * cannot express it (it would need "same value of a trait prefix" across groups), so the scheduler applies it to the
 * allocation candidates using {@link GpuTraits#nvlinkDomainOf} and {@link GpuTraits#numaNodeOf}. With fewer than two
 * GPUs every value is trivially satisfied.
 */
public enum GpuTopology {
    /** No constraint; also the value when {@code gpu:topology} is absent. */
    ANY("any"),
    /** All GPUs in one NVLink domain (same {@link GpuTraits#NVLINK_DOMAIN_PREFIX} trait). */
    NVLINK("nvlink"),
    /** All GPUs on one host NUMA node (same {@link GpuTraits#NUMA_NODE_PREFIX} trait). */
    NUMA("numa");

    private final String wireValue;

    GpuTopology(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as written in the {@code gpu:topology} extra spec. */
    public String wireValue() {
        return wireValue;
    }

    /** The topology spelled exactly {@code value} (lower case). */
    public static Optional<GpuTopology> fromWireValue(String value) {
        for (GpuTopology topology : values()) {
            if (topology.wireValue.equals(value)) {
                return Optional.of(topology);
            }
        }
        return Optional.empty();
    }
}
