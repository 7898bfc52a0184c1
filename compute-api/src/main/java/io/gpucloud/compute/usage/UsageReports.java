package io.gpucloud.compute.usage;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The servers that ran during a period, of one project or all, with what they held. */
@Service
public class UsageReports {

    private static final TypeReference<Map<String, Integer>> GPUS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    UsageReports(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.json = requireNonNull(json, "json is null");
    }

    /**
     * Servers that overlap the period (created before its end, not deleted before its start), of one project or
     * (null) every project, oldest first.
     */
    @Transactional(readOnly = true)
    public List<ServerUsage> servers(String projectId, Instant start, Instant end) {
        String sql = """
                SELECT uuid, project_id, user_id, name, flavor, gpu_resources, launched_at, deleted_at, vm_state
                FROM instance
                WHERE created_at < :end AND (deleted_at IS NULL OR deleted_at > :start)
                """ + (projectId == null ? "" : " AND project_id = :project") + " ORDER BY created_at, uuid";
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("start", Timestamp.from(start))
                .param("end", Timestamp.from(end));
        if (projectId != null) {
            statement = statement.param("project", projectId);
        }
        return statement.query((rs, n) -> usage(rs, start, end)).list();
    }

    private ServerUsage usage(ResultSet rs, Instant start, Instant end) throws SQLException {
        JsonNode flavor = json.readTree(rs.getString("flavor"));
        Timestamp launched = rs.getTimestamp("launched_at");
        Timestamp deleted = rs.getTimestamp("deleted_at");
        return new ServerUsage(rs.getObject("uuid", UUID.class), rs.getString("project_id"), rs.getString("user_id"),
                rs.getString("name"), flavor.path("name").asString(), flavor.path("vcpus").asInt(),
                flavor.path("ram").asInt(), flavor.path("disk").asInt(),
                json.readValue(rs.getString("gpu_resources"), GPUS),
                launched == null ? null : launched.toInstant(), deleted == null ? null : deleted.toInstant(),
                rs.getString("vm_state").toLowerCase(java.util.Locale.ROOT), start, end);
    }
}
