package io.gpucloud.scheduler.scheduling;

import java.util.Set;
import java.util.UUID;

/**
 * What the worker remembers of an instance it placed.
 *
 * @param request     the ScheduleInstance payload as JSON, to schedule again after a failed build
 * @param hostProvider root provider of the current attempt's host (null when FAILED before any host)
 * @param triedHosts  hosts whose builds failed
 * @param failures    "host: reason" of each failed build, joined with "; "
 */
record SchedulingRecord(UUID instanceUuid, String projectId, String request, SchedulingState state, int attempt,
        UUID hostProvider, String host, Set<UUID> triedHosts, String failures) {
}
