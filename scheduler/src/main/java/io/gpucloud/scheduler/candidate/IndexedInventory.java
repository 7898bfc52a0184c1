package io.gpucloud.scheduler.candidate;

/**
 * One inventory of a provider as the index holds it, with the amount already allocated from it.
 *
 * @param used the sum of all allocations of this class against this provider
 */
record IndexedInventory(int classId, int total, int reserved, int minUnit, int maxUnit, int stepSize,
        double allocationRatio, long used) {

    /** Placement's capacity: {@code int((total - reserved) * allocation_ratio)}. */
    long capacity() {
        return (long) ((total - reserved) * allocationRatio);
    }

    IndexedInventory withUsed(long newUsed) {
        return new IndexedInventory(classId, total, reserved, minUnit, maxUnit, stepSize, allocationRatio, newUsed);
    }

    /** Whether one request group may take {@code amount} of it: unit rules, then free capacity. */
    boolean fits(int amount) {
        return amount >= minUnit && amount <= maxUnit && amount % stepSize == 0 && used + amount <= capacity();
    }

    /** {@link #fits} as if nothing were allocated yet. */
    boolean fitsEmpty(int amount) {
        return amount >= minUnit && amount <= maxUnit && amount % stepSize == 0 && amount <= capacity();
    }
}
