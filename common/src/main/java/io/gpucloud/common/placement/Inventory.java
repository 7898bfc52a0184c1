package io.gpucloud.common.placement;

/** One resource class's inventory record, as Placement's inventory API writes it. */
public record Inventory(int total, int reserved, int minUnit, int maxUnit, int stepSize, double allocationRatio) {

    /** {@code total} units, of which {@code reserved} are held back, taken one or more at a time. */
    public static Inventory of(int total, int reserved, double allocationRatio) {
        return new Inventory(total, Math.min(reserved, total), 1, total, 1, allocationRatio);
    }
}
