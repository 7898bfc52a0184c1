package io.gpucloud.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The worker's tables: {@code scheduling_request} and {@code server_group_member}, and where instances are. */
@Repository
class SchedulingRecords {

    private final JdbcClient jdbc;

    SchedulingRecords(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    Optional<SchedulingRecord> find(UUID instance) {
        return jdbc.sql("SELECT * FROM scheduling_request WHERE instance_uuid = :uuid").param("uuid", instance)
                .query(SchedulingRecords::record).optional();
    }

    /** The record, locked until the transaction ends, so two failure reports of one build take turns. */
    Optional<SchedulingRecord> findForUpdate(UUID instance) {
        return jdbc.sql("SELECT * FROM scheduling_request WHERE instance_uuid = :uuid FOR UPDATE")
                .param("uuid", instance).query(SchedulingRecords::record).optional();
    }

    void save(SchedulingRecord record) {
        jdbc.sql("""
                INSERT INTO scheduling_request (instance_uuid, project_id, request, state, attempt, host_provider, host,
                                                tried_hosts, failures)
                VALUES (:uuid, :project, :request, :state, :attempt, :hostProvider, :host, :tried, :failures)
                ON CONFLICT (instance_uuid) DO UPDATE SET state = EXCLUDED.state, attempt = EXCLUDED.attempt,
                    host_provider = EXCLUDED.host_provider, host = EXCLUDED.host, tried_hosts = EXCLUDED.tried_hosts,
                    failures = EXCLUDED.failures, updated_at = now()
                """)
                .param("uuid", record.instanceUuid()).param("project", record.projectId())
                .param("request", record.request()).param("state", record.state().name())
                .param("attempt", record.attempt()).param("hostProvider", record.hostProvider())
                .param("host", record.host()).param("tried", record.triedHosts().toArray(UUID[]::new))
                .param("failures", record.failures()).update();
    }

    /**
     * Serialises everything done about one instance (placing it, deleting it) across replicas until the
     * transaction ends, so that a delete and a schedule arriving on different queues cannot interleave.
     */
    void lockInstance(UUID instance) {
        // Its own key space (two-int form), apart from the server-group locks' single bigint keys.
        jdbc.sql("SELECT pg_advisory_xact_lock(:space, :key)").param("space", 0x1157)
                .param("key", instance.hashCode()).query().singleRow();
    }

    /** Forgets the instance's server group memberships (it no longer counts for affinity). */
    void removeGroupMemberships(UUID instance) {
        jdbc.sql("DELETE FROM server_group_member WHERE instance_uuid = :uuid").param("uuid", instance).update();
    }

    /**
     * Serialises the placement of one server group's members across every scheduler replica until the
     * transaction ends: each member then sees where the previous ones went, claims included.
     */
    void lockGroup(UUID group) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
                .param("key", group.getMostSignificantBits() ^ group.getLeastSignificantBits()).query().singleRow();
    }

    void addGroupMember(UUID group, UUID instance) {
        jdbc.sql("INSERT INTO server_group_member (group_uuid, instance_uuid) VALUES (:g, :i) ON CONFLICT DO NOTHING")
                .param("g", group).param("i", instance).update();
    }

    List<UUID> groupMembers(UUID group) {
        return jdbc.sql("SELECT instance_uuid FROM server_group_member WHERE group_uuid = :g").param("g", group)
                .query(UUID.class).list();
    }

    /** The host (root provider) each of the instances holds allocations on; instances holding none are absent. */
    Map<UUID, UUID> hostsOf(Set<UUID> instances) {
        Map<UUID, UUID> hosts = new HashMap<>();
        if (instances.isEmpty()) {
            return hosts;
        }
        jdbc.sql("""
                SELECT DISTINCT a.consumer_uuid, root.uuid AS root_uuid
                FROM allocation a
                JOIN resource_provider rp ON rp.id = a.resource_provider_id
                JOIN resource_provider root ON root.id = rp.root_provider_id
                WHERE a.consumer_uuid = ANY(:instances)
                """).param("instances", instances.toArray(UUID[]::new))
                .query((rs, n) -> hosts.put(rs.getObject("consumer_uuid", UUID.class),
                        rs.getObject("root_uuid", UUID.class))).list();
        return hosts;
    }

    private static SchedulingRecord record(ResultSet rs, int row) throws SQLException {
        Array tried = rs.getArray("tried_hosts");
        Set<UUID> triedHosts = Set.copyOf(Arrays.asList((UUID[]) tried.getArray()));
        return new SchedulingRecord(rs.getObject("instance_uuid", UUID.class), rs.getString("project_id"),
                rs.getString("request"), SchedulingState.valueOf(rs.getString("state")), rs.getInt("attempt"),
                rs.getObject("host_provider", UUID.class), rs.getString("host"), triedHosts, rs.getString("failures"));
    }
}
