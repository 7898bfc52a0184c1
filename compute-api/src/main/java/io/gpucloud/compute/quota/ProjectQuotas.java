package io.gpucloud.compute.quota;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.compute.server.FlavorSnapshot;
import io.gpucloud.compute.server.QuotaGate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quota limits and usage of projects. Usage is counted from the project's live instances (those not deleted,
 * including ones being built or deleted) while holding a per-project advisory lock, so concurrent creates of one
 * project are checked one after the other against what the others committed. A create that asks only for
 * resources without a limit takes no lock: the project's creates then run side by side.
 */
@Service
public class ProjectQuotas implements QuotaGate {

    private final JdbcClient jdbc;
    private final QuotaProperties defaults;

    ProjectQuotas(JdbcClient jdbc, QuotaProperties defaults) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.defaults = requireNonNull(defaults, "defaults is null");
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void reserve(String projectId, FlavorSnapshot flavor, int count) {
        Map<String, Long> requested = new LinkedHashMap<>();
        requested.put(QuotaResource.INSTANCES, (long) count);
        requested.put(QuotaResource.CORES, (long) flavor.vcpus() * count);
        requested.put(QuotaResource.RAM, (long) flavor.ram() * count);
        flavor.gpuResources().forEach((resourceClass, amount) ->
                requested.put(QuotaResource.gpu(resourceClass), (long) amount * count));
        // Limits are not guarded by the lock (an admin may change them at any time), so they are read before it.
        Map<String, Integer> limits = limits(projectId);
        if (requested.keySet().stream().allMatch(resource -> limits.getOrDefault(resource, -1) < 0)) {
            // Nothing asked for is limited: nothing to count, and no reason to wait for the project's other creates.
            return;
        }
        jdbc.sql("SELECT pg_advisory_xact_lock(:space, :key)").param("space", 0x9407)
                .param("key", projectId.hashCode()).query().singleRow();
        Map<String, Long> used = usage(projectId);
        for (Map.Entry<String, Long> ask : requested.entrySet()) {
            int limit = limits.getOrDefault(ask.getKey(), -1);
            long inUse = used.getOrDefault(ask.getKey(), 0L);
            if (limit >= 0 && inUse + ask.getValue() > limit) {
                throw ApiException.forbidden("Quota exceeded for " + ask.getKey() + ": Requested " + ask.getValue()
                        + ", but already used " + inUse + " of " + limit + " " + ask.getKey()
                        + " (over by " + (inUse + ask.getValue() - limit) + ")");
            }
        }
    }

    /** Every limit of the project: defaults, overridden by what an admin set. */
    @Transactional(readOnly = true)
    public Map<String, Integer> limits(String projectId) {
        Map<String, Integer> limits = defaultLimits();
        jdbc.sql("SELECT resource, hard_limit FROM quota_limit WHERE project_id = :project")
                .param("project", projectId)
                .query(rs -> {
                    limits.put(rs.getString(1), rs.getInt(2));
                });
        return limits;
    }

    public Map<String, Integer> defaultLimits() {
        Map<String, Integer> limits = new TreeMap<>();
        limits.put(QuotaResource.INSTANCES, defaults.instances());
        limits.put(QuotaResource.CORES, defaults.cores());
        limits.put(QuotaResource.RAM, defaults.ram());
        limits.put(QuotaResource.KEY_PAIRS, defaults.keyPairs());
        limits.put(QuotaResource.METADATA_ITEMS, defaults.metadataItems());
        limits.put(QuotaResource.SERVER_GROUPS, defaults.serverGroups());
        limits.put(QuotaResource.SERVER_GROUP_MEMBERS, defaults.serverGroupMembers());
        defaults.gpus().forEach((resourceClass, limit) -> limits.put(QuotaResource.gpu(resourceClass), limit));
        return limits;
    }

    /** What the project's live instances hold: instances, cores, ram and GPUs per class. */
    @Transactional(readOnly = true)
    public Map<String, Long> usage(String projectId) {
        Map<String, Long> used = new TreeMap<>();
        jdbc.sql("""
                SELECT count(*), COALESCE(SUM((flavor->>'vcpus')::bigint), 0), COALESCE(SUM((flavor->>'ram')::bigint), 0)
                FROM instance WHERE project_id = :project AND deleted_at IS NULL
                """).param("project", projectId).query(rs -> {
                    used.put(QuotaResource.INSTANCES, rs.getLong(1));
                    used.put(QuotaResource.CORES, rs.getLong(2));
                    used.put(QuotaResource.RAM, rs.getLong(3));
                });
        jdbc.sql("""
                SELECT gpu.key, SUM(gpu.value::bigint)
                FROM instance, jsonb_each_text(instance.gpu_resources) AS gpu
                WHERE project_id = :project AND deleted_at IS NULL
                GROUP BY gpu.key
                """).param("project", projectId).query(rs -> {
                    used.put(QuotaResource.gpu(rs.getString(1)), rs.getLong(2));
                });
        return used;
    }

    /** Sets limits (admin); a resource that is not known is refused, -1 means unlimited. */
    @Transactional
    public void set(String projectId, Map<String, Integer> limits) {
        for (Map.Entry<String, Integer> limit : limits.entrySet()) {
            String resource = limit.getKey();
            if (!defaultLimits().containsKey(resource) && QuotaResource.gpuClass(resource).isEmpty()) {
                throw ApiException.badRequest("Bad key(s) in quota set: " + resource);
            }
            if (limit.getValue() < -1) {
                throw ApiException.badRequest("Quota limit " + limit.getValue() + " for " + resource
                        + " must be -1 or greater.");
            }
        }
        limits.forEach((resource, limit) -> jdbc.sql("""
                INSERT INTO quota_limit (project_id, resource, hard_limit) VALUES (:project, :resource, :limit)
                ON CONFLICT (project_id, resource) DO UPDATE SET hard_limit = EXCLUDED.hard_limit
                """).param("project", projectId).param("resource", canonical(resource)).param("limit", limit).update());
    }

    /** Back to the defaults (admin). */
    @Transactional
    public void reset(String projectId) {
        jdbc.sql("DELETE FROM quota_limit WHERE project_id = :project").param("project", projectId).update();
    }

    private static String canonical(String resource) {
        return QuotaResource.gpuClass(resource).map(QuotaResource::gpu).orElse(resource);
    }
}
