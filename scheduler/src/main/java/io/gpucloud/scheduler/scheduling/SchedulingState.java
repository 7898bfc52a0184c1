package io.gpucloud.scheduler.scheduling;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of one scheduling request, as the worker sees it.
 *
 * <pre>
 *   (ScheduleInstance) ──► BUILDING ──(BuildFailed, attempts left, a host fits)──► BUILDING (next attempt)
 *          │                   │
 *          └──(nothing fits)──►└──(BuildFailed, no attempt or host left)──► FAILED
 * </pre>
 * FAILED is final: the allocation is released and NoValidHost was sent.
 */
enum SchedulingState {
    BUILDING,
    FAILED;

    Set<SchedulingState> next() {
        return this == BUILDING ? EnumSet.of(BUILDING, FAILED) : EnumSet.noneOf(SchedulingState.class);
    }

    SchedulingState moveTo(SchedulingState target) {
        if (!next().contains(target)) {
            throw new IllegalStateException("scheduling request cannot go from " + this + " to " + target);
        }
        return target;
    }
}
