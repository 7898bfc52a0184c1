package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code container} rows. Listing order and lookups use the unique index on (account, name). A container's counts
 * are its row's plus its pending deltas (migration V4), added up in the same statement, so they are exact.
 */
@Repository
class ContainerRepository {

    private static final String PENDING = "(SELECT coalesce(sum(d.%s), 0) FROM container_usage_delta d WHERE d.container_id = c.id)";
    private static final String COLUMNS = "c.id, c.account, c.name, c.object_count + " + PENDING.formatted("objects")
            + " AS object_count, c.bytes_used + " + PENDING.formatted("bytes")
            + " AS bytes_used, c.metadata::text AS metadata, c.created_at, c.updated_at";

    private final JdbcClient jdbc;
    private final JsonColumns json;

    ContainerRepository(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.json = requireNonNull(json, "json is null");
    }

    Optional<Container> find(String account, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM container c WHERE c.account = :account AND c.name = :name")
                .param("account", account).param("name", name).query(this::container).optional();
    }

    /**
     * The container, locked against other changes of the container itself until the transaction ends. Object
     * writes do not wait for this lock (their key share on the row is compatible with it), nor it for them.
     */
    Optional<Container> lockForChange(String account, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM container c WHERE c.account = :account AND c.name = :name"
                        + " FOR NO KEY UPDATE OF c")
                .param("account", account).param("name", name).query(this::container).optional();
    }

    /**
     * The container, locked for its deletion: the lock waits for the object writes in flight (each holds a key
     * share on the row until it commits) and makes those that come later fail their foreign key.
     */
    Optional<Container> lockForDelete(String account, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM container c WHERE c.account = :account AND c.name = :name"
                        + " FOR UPDATE OF c")
                .param("account", account).param("name", name).query(this::container).optional();
    }

    /** Whether any object is in the container, as of now (not as of the counts, which a fold may not have seen). */
    boolean holdsObjects(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM object WHERE container_id = :id)").param("id", id)
                .query(Boolean.class).single();
    }

    /** @return false when the container exists already */
    boolean insert(String account, String name, UserMetadata metadata) {
        return jdbc.sql("""
                INSERT INTO container (account, name, metadata) VALUES (:account, :name, CAST(:metadata AS jsonb))
                ON CONFLICT (account, name) DO NOTHING
                """)
                .param("account", account).param("name", name).param("metadata", json.metadata(metadata))
                .update() == 1;
    }

    void updateMetadata(long id, UserMetadata metadata) {
        jdbc.sql("UPDATE container SET metadata = CAST(:metadata AS jsonb), updated_at = now() WHERE id = :id")
                .param("metadata", json.metadata(metadata)).param("id", id).update();
    }

    /**
     * Deletes the container. Its pending deltas stay until the next fold drops them (they match no container, and
     * ids are never reused): deleting them here would take their locks after the container's, the opposite order
     * to the fold's, and the two could deadlock.
     */
    void delete(long id) {
        jdbc.sql("DELETE FROM container WHERE id = :id").param("id", id).update();
    }

    /** Moves every pending delta into its container's row (V4's {@code fold_container_usage}); how many moved. */
    long foldUsage() {
        return jdbc.sql("SELECT fold_container_usage()").query(Long.class).single();
    }

    /** A {@link Listing.NameRange} read of one account's containers. */
    List<Container> read(String account, String from, boolean inclusive, String to, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("account", account);
        params.put("limit", limit);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM container c WHERE c.account = :account");
        if (from != null) {
            sql.append(inclusive ? " AND c.name >= :from" : " AND c.name > :from");
            params.put("from", from);
        }
        if (to != null) {
            sql.append(" AND c.name < :to");
            params.put("to", to);
        }
        sql.append(" ORDER BY c.name LIMIT :limit");
        return jdbc.sql(sql.toString()).params(params).query(this::container).list();
    }

    private Container container(ResultSet rs, int row) throws SQLException {
        return new Container(rs.getLong("id"), rs.getString("account"), rs.getString("name"),
                rs.getLong("object_count"), rs.getLong("bytes_used"), json.metadata(rs.getString("metadata")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
