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

/** {@code container} rows. Listing order and lookups use the unique index on (account, name). */
@Repository
class ContainerRepository {

    private static final String COLUMNS =
            "id, account, name, object_count, bytes_used, metadata::text AS metadata, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonColumns json;

    ContainerRepository(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.json = requireNonNull(json, "json is null");
    }

    Optional<Container> find(String account, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM container WHERE account = :account AND name = :name")
                .param("account", account).param("name", name).query(this::container).optional();
    }

    /**
     * The container, locked until the transaction ends. Every write of an object takes this lock first,
     * so writes to one container commit one after the other and its counts stay exact.
     */
    Optional<Container> lock(String account, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM container WHERE account = :account AND name = :name FOR UPDATE")
                .param("account", account).param("name", name).query(this::container).optional();
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

    void addUsage(long id, long objects, long bytes) {
        jdbc.sql("""
                UPDATE container SET object_count = object_count + :objects, bytes_used = bytes_used + :bytes,
                    updated_at = now()
                WHERE id = :id
                """)
                .param("objects", objects).param("bytes", bytes).param("id", id).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM container WHERE id = :id").param("id", id).update();
    }

    /** A {@link Listing.NameRange} read of one account's containers. */
    List<Container> read(String account, String from, boolean inclusive, String to, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("account", account);
        params.put("limit", limit);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM container WHERE account = :account");
        if (from != null) {
            sql.append(inclusive ? " AND name >= :from" : " AND name > :from");
            params.put("from", from);
        }
        if (to != null) {
            sql.append(" AND name < :to");
            params.put("to", to);
        }
        sql.append(" ORDER BY name LIMIT :limit");
        return jdbc.sql(sql.toString()).params(params).query(this::container).list();
    }

    private Container container(ResultSet rs, int row) throws SQLException {
        return new Container(rs.getLong("id"), rs.getString("account"), rs.getString("name"),
                rs.getLong("object_count"), rs.getLong("bytes_used"), json.metadata(rs.getString("metadata")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
