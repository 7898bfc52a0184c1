package io.gpucloud.scheduler.inventory;

import static java.util.Objects.requireNonNull;

/**
 * One class of a provider's inventory. What can be allocated is {@link #capacity()}; a single allocation
 * must lie in [min_unit, max_unit] and be a multiple of step_size.
 */
public record Inventory(String resourceClass, int total, int reserved, int minUnit, int maxUnit, int stepSize,
        double allocationRatio) {

    /** Placement's defaults for the optional fields; max_unit defaults to the largest 32-bit integer. */
    public static final int DEFAULT_RESERVED = 0;
    public static final int DEFAULT_MIN_UNIT = 1;
    public static final int DEFAULT_MAX_UNIT = Integer.MAX_VALUE;
    public static final int DEFAULT_STEP_SIZE = 1;
    public static final double DEFAULT_ALLOCATION_RATIO = 1.0;

    public Inventory {
        requireNonNull(resourceClass, "resourceClass is null");
    }

    /** (total - reserved) * allocation_ratio, as Placement computes it. */
    public double capacity() {
        return (total - (double) reserved) * allocationRatio;
    }
}
