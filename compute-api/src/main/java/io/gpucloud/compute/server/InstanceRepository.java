package io.gpucloud.compute.server;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code instance} table; JSON columns through Jackson. */
@Repository
class InstanceRepository {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, List<String>>> HINTS = new TypeReference<>() {
    };
    private static final TypeReference<List<HeldGpu>> GPUS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    InstanceRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.json = requireNonNull(json, "json is null");
    }

    void insert(Instance instance) {
        jdbc.sql("""
                INSERT INTO instance (uuid, project_id, user_id, name, flavor, image_uuid, key_name, user_data, metadata,
                    availability_zone, access_ipv4, access_ipv6, disk_config, scheduler_hints, server_group, vm_state,
                    task_state, power_state, gpu_resources, created_at, updated_at)
                VALUES (:uuid, :project, :user, :name, CAST(:flavor AS jsonb), :image, :keyName, :userData,
                    CAST(:metadata AS jsonb), :zone, :ipv4, :ipv6, :diskConfig, CAST(:hints AS jsonb), :group, :vm,
                    :task, :power, CAST(:gpuResources AS jsonb), :created, :created)
                """)
                .param("uuid", instance.uuid()).param("project", instance.projectId())
                .param("user", instance.userId()).param("name", instance.name())
                .param("flavor", json.writeValueAsString(instance.flavor())).param("image", instance.imageUuid())
                .param("keyName", instance.keyName()).param("userData", instance.userData())
                .param("metadata", json.writeValueAsString(instance.metadata()))
                .param("zone", instance.availabilityZone()).param("ipv4", instance.accessIpv4())
                .param("ipv6", instance.accessIpv6()).param("diskConfig", instance.diskConfig())
                .param("hints", json.writeValueAsString(instance.schedulerHints()))
                .param("group", instance.serverGroup())
                .param("vm", instance.lifecycle().vm().name()).param("task", taskName(instance.lifecycle()))
                .param("power", instance.lifecycle().power().name())
                .param("gpuResources", json.writeValueAsString(instance.flavor().gpuResources()))
                .param("created", Timestamp.from(instance.createdAt())).update();
    }

    /** Saves what may change after creation: lifecycle, host, GPUs, fault, times, metadata and name. */
    void update(Instance instance) {
        jdbc.sql("""
                UPDATE instance SET name = :name, metadata = CAST(:metadata AS jsonb), vm_state = :vm,
                    task_state = :task, power_state = :power, host = :host, gpus = CAST(:gpus AS jsonb),
                    fault = CAST(:fault AS jsonb), last_observed_at = :observed, launched_at = :launched,
                    deleted_at = :deleted, updated_at = now()
                WHERE uuid = :uuid
                """)
                .param("uuid", instance.uuid()).param("name", instance.name())
                .param("metadata", json.writeValueAsString(instance.metadata()))
                .param("vm", instance.lifecycle().vm().name()).param("task", taskName(instance.lifecycle()))
                .param("power", instance.lifecycle().power().name()).param("host", instance.host())
                .param("gpus", json.writeValueAsString(instance.gpus()))
                .param("fault", instance.fault() == null ? null : json.writeValueAsString(instance.fault()))
                .param("observed", timestamp(instance.lastObservedAt()))
                .param("launched", timestamp(instance.launchedAt()))
                .param("deleted", timestamp(instance.deletedAt())).update();
    }

    Optional<Instance> find(UUID uuid) {
        return jdbc.sql("SELECT * FROM instance WHERE uuid = :uuid").param("uuid", uuid).query(this::row).optional();
    }

    /** Locks the row until the transaction ends: events and actions on one instance go one after the other. */
    Optional<Instance> findForUpdate(UUID uuid) {
        return jdbc.sql("SELECT * FROM instance WHERE uuid = :uuid FOR UPDATE").param("uuid", uuid)
                .query(this::row).optional();
    }

    /**
     * Live servers, newest first, after the marker (exclusive), of one project or (null) every project.
     */
    List<Instance> list(ServerQuery query) {
        return query("*", query).query(this::row).list();
    }

    /** A server as the brief listing shows it: nothing of the row's JSON is parsed. */
    record Brief(UUID uuid, String name) {
    }

    /** {@link #list}, reading only what {@code GET /servers} (without detail) shows. */
    List<Brief> listBrief(ServerQuery query) {
        return query("uuid, name", query).query((rs, n) -> new Brief(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
    }

    private JdbcClient.StatementSpec query(String columns, ServerQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + columns + " FROM instance WHERE deleted_at IS NULL");
        List<Object> params = new ArrayList<>();
        if (query.projectId() != null) {
            sql.append(" AND project_id = ?");
            params.add(query.projectId());
        }
        if (query.status() != null) {
            sql.append(" AND vm_state = ?");
            params.add(query.status().name());
        }
        if (query.host() != null) {
            sql.append(" AND host = ?");
            params.add(query.host());
        }
        if (query.namePattern() != null) {
            sql.append(" AND name ~ ?");
            params.add(query.namePattern());
        }
        if (query.marker() != null) {
            sql.append(" AND (created_at, uuid) < (?, ?)");
            params.add(Timestamp.from(query.marker().createdAt()));
            params.add(query.marker().uuid());
        }
        sql.append(" ORDER BY created_at DESC, uuid DESC LIMIT ?");
        params.add(query.limit());
        return jdbc.sql(sql.toString()).params(params);
    }

    private Instance row(ResultSet rs, int rowNumber) throws SQLException {
        String fault = rs.getString("fault");
        return new Instance(rs.getObject("uuid", UUID.class), rs.getString("project_id"), rs.getString("user_id"),
                rs.getString("name"), json.readValue(rs.getString("flavor"), FlavorSnapshot.class),
                rs.getObject("image_uuid", UUID.class), rs.getString("key_name"), rs.getString("user_data"),
                json.readValue(rs.getString("metadata"), STRING_MAP), rs.getString("availability_zone"),
                rs.getString("access_ipv4"), rs.getString("access_ipv6"), rs.getString("disk_config"),
                json.readValue(rs.getString("scheduler_hints"), HINTS), rs.getObject("server_group", UUID.class),
                new Lifecycle(VmState.valueOf(rs.getString("vm_state")),
                        TaskState.fromStored(rs.getString("task_state")), PowerState.valueOf(rs.getString("power_state"))),
                rs.getString("host"), json.readValue(rs.getString("gpus"), GPUS),
                fault == null ? null : json.readValue(fault, Fault.class), instant(rs, "last_observed_at"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "launched_at"),
                instant(rs, "deleted_at"));
    }

    private static String taskName(Lifecycle lifecycle) {
        return lifecycle.task() == TaskState.NONE ? null : lifecycle.task().name();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
