package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** Exponential backoff: {@code initial} after the first failure, doubling, never above {@code max}. */
record Backoff(Duration initial, Duration max) {

    Backoff {
        requireNonNull(initial, "initial is null");
        requireNonNull(max, "max is null");
    }

    Duration delayAfter(int failures) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        // Shifting past ~30 would overflow; the cap is reached long before that anyway.
        long factor = 1L << Math.min(failures - 1, 30);
        Duration delay = initial.multipliedBy(factor);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Sleeps for the delay after the given failures; false when interrupted (the flag is restored). */
    boolean sleepAfter(int failures) {
        return sleep(delayAfter(failures));
    }

    /** Sleeps; false when interrupted (the flag is restored). */
    static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
