package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code account} rows, and usage summed from the account's containers. */
@Repository
class AccountRepository {

    record AccountRow(UserMetadata metadata, Instant createdAt) {
    }

    record Usage(long containers, long objects, long bytes) {
    }

    private final JdbcClient jdbc;
    private final JsonColumns json;

    AccountRepository(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** Accounts come into being on first write, as with Swift's {@code account_autocreate}. */
    void ensure(String projectId) {
        jdbc.sql("INSERT INTO account (project_id) VALUES (:project) ON CONFLICT (project_id) DO NOTHING")
                .param("project", projectId).update();
    }

    Optional<AccountRow> find(String projectId, boolean forUpdate) {
        return jdbc.sql("SELECT metadata::text, created_at FROM account WHERE project_id = :project"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .param("project", projectId)
                .query((rs, n) -> new AccountRow(json.metadata(rs.getString(1)), rs.getTimestamp(2).toInstant()))
                .optional();
    }

    void updateMetadata(String projectId, UserMetadata metadata) {
        jdbc.sql("UPDATE account SET metadata = CAST(:metadata AS jsonb) WHERE project_id = :project")
                .param("metadata", json.metadata(metadata)).param("project", projectId).update();
    }

    /** The account's containers' counts plus their pending deltas (migration V4), in one statement: exact. */
    Usage usage(String projectId) {
        return jdbc.sql("""
                SELECT count(*), coalesce(sum(c.object_count + p.objects), 0), coalesce(sum(c.bytes_used + p.bytes), 0)
                FROM container c CROSS JOIN LATERAL (
                    SELECT coalesce(sum(d.objects), 0) AS objects, coalesce(sum(d.bytes), 0) AS bytes
                    FROM container_usage_delta d WHERE d.container_id = c.id) p
                WHERE c.account = :project
                """)
                .param("project", projectId)
                .query((rs, n) -> new Usage(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }
}
