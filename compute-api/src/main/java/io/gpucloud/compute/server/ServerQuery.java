package io.gpucloud.compute.server;

import java.time.Instant;
import java.util.UUID;

/**
 * A listing: one project's servers (or every project's for an admin asking {@code all_tenants}), optionally one
 * vm_state, host or name (a regular expression, as Nova takes it), after a marker, at most {@code limit}.
 */
record ServerQuery(String projectId, VmState status, String host, String namePattern, Marker marker, int limit) {

    /** Where the previous page ended. */
    record Marker(UUID uuid, Instant createdAt) {
    }
}
