package io.gpucloud.compute.servergroup;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.messaging.contract.ServerGroupSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Server groups of a project: create, find, list, delete, and their members. */
@Service
public class ServerGroups {

    public static final Set<String> POLICIES = Set.of("affinity", "anti-affinity", "soft-affinity",
            "soft-anti-affinity");

    private final JdbcClient jdbc;

    ServerGroups(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    @Transactional
    public ServerGroup create(String name, String policy, Integer maxServerPerHost, AuthContext caller) {
        if (!POLICIES.contains(policy)) {
            throw ApiException.badRequest("Invalid input for field/attribute policy: one of " + POLICIES.stream()
                    .sorted().toList() + ", not '" + policy + "'.");
        }
        if (maxServerPerHost != null && (!policy.equals("anti-affinity") || maxServerPerHost < 1)) {
            throw ApiException.badRequest("Invalid input for field/attribute rules: max_server_per_host is a positive"
                    + " integer, and only for the anti-affinity policy.");
        }
        ServerGroup group = new ServerGroup(UUID.randomUUID(), caller.projectId(), caller.userId(), name, policy,
                maxServerPerHost, Instant.now());
        jdbc.sql("""
                INSERT INTO server_group (uuid, project_id, user_id, name, policy, max_server_per_host)
                VALUES (:uuid, :project, :user, :name, :policy, :max)
                """).param("uuid", group.uuid()).param("project", group.projectId()).param("user", group.userId())
                .param("name", name).param("policy", policy).param("max", maxServerPerHost).update();
        return group;
    }

    /** The group if the caller may see it (their project's, or any for an admin). */
    @Transactional(readOnly = true)
    public Optional<ServerGroup> find(UUID uuid, AuthContext caller) {
        return jdbc.sql("SELECT * FROM server_group WHERE uuid = :uuid").param("uuid", uuid)
                .query(ServerGroups::row).optional()
                .filter(group -> caller.isAdmin() || group.projectId().equals(caller.projectId()));
    }

    /** What the scheduler is told about the group a new server joins. */
    public Optional<ServerGroupSpec> specFor(UUID uuid, AuthContext caller) {
        return find(uuid, caller).map(group -> new ServerGroupSpec(group.uuid(), group.policy(),
                group.maxServerPerHost()));
    }

    @Transactional(readOnly = true)
    public List<ServerGroup> list(String projectId) {
        if (projectId == null) {
            return jdbc.sql("SELECT * FROM server_group ORDER BY created_at, uuid").query(ServerGroups::row).list();
        }
        return jdbc.sql("SELECT * FROM server_group WHERE project_id = :project ORDER BY created_at, uuid")
                .param("project", projectId).query(ServerGroups::row).list();
    }

    /** The live servers in the group. */
    @Transactional(readOnly = true)
    public List<UUID> members(UUID group) {
        return jdbc.sql("""
                SELECT uuid FROM instance WHERE server_group = :group AND deleted_at IS NULL ORDER BY created_at
                """).param("group", group).query(UUID.class).list();
    }

    @Transactional
    public void delete(UUID uuid, AuthContext caller) {
        ServerGroup group = find(uuid, caller).orElseThrow(() -> ApiException.notFound(
                "Instance group " + uuid + " could not be found."));
        jdbc.sql("DELETE FROM server_group WHERE uuid = :uuid").param("uuid", group.uuid()).update();
    }

    private static ServerGroup row(ResultSet rs, int rowNumber) throws SQLException {
        return new ServerGroup(rs.getObject("uuid", UUID.class), rs.getString("project_id"), rs.getString("user_id"),
                rs.getString("name"), rs.getString("policy"), (Integer) rs.getObject("max_server_per_host"),
                rs.getTimestamp("created_at").toInstant());
    }
}
