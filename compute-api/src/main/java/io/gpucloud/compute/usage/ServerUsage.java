package io.gpucloud.compute.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One server's usage inside a period: from when it became ACTIVE (launched_at) to its deletion or the period's
 * end, clipped to the period. A server that never became ACTIVE used nothing.
 *
 * @param gpus GPUs (or slices) per resource class it holds
 */
public record ServerUsage(UUID instance, String projectId, String userId, String name, String flavor, int vcpus,
        int memoryMb, int localGb, Map<String, Integer> gpus, Instant launchedAt, Instant deletedAt, String state,
        Instant periodStart, Instant periodEnd) {

    /** Hours inside the period, fractional. */
    public double hours() {
        if (launchedAt == null) {
            return 0;
        }
        Instant from = launchedAt.isAfter(periodStart) ? launchedAt : periodStart;
        Instant to = deletedAt != null && deletedAt.isBefore(periodEnd) ? deletedAt : periodEnd;
        return to.isAfter(from) ? Duration.between(from, to).toMillis() / 3_600_000.0 : 0;
    }

    public int gpuCount() {
        return gpus.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** GPU-hours: every GPU (or slice) held, for every hour. */
    public double gpuHours() {
        return hours() * gpuCount();
    }
}
