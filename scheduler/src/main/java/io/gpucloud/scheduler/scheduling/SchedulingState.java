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
 * FAILED: the allocation is released and NoValidHost was sent. DELETED (from any state, or as the first
 * record when InstanceDeleted overtakes ScheduleInstance) is final: the allocation is released and any later
 * command about the instance is ignored.
 */
enum SchedulingState {
    BUILDING,
    FAILED,
    DELETED;

    Set<SchedulingState> next() {
        return switch (this) {
            case BUILDING -> EnumSet.of(BUILDING, FAILED, DELETED);
            case FAILED -> EnumSet.of(DELETED);
            case DELETED -> EnumSet.noneOf(SchedulingState.class);
        };
    }

    SchedulingState moveTo(SchedulingState target) {
        if (!next().contains(target)) {
            throw new IllegalStateException("scheduling request cannot go from " + this + " to " + target);
        }
        return target;
    }
}
