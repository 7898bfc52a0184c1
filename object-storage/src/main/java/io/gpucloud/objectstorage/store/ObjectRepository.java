package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code object} rows: one per current object version. The primary key (container_id, name COLLATE "C")
 * is both the lookup and the listing index.
 */
@Repository
class ObjectRepository {

    private static final String COLUMNS = columns("");
    private static final String JOINED_COLUMNS = columns("o.");

    private final JdbcClient jdbc;
    private final JsonColumns json;

    ObjectRepository(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** The current version of {@code name} in the account's container, looked up in one round trip. */
    Optional<StoredObject> find(String account, String container, String name) {
        return jdbc.sql("SELECT " + JOINED_COLUMNS + " FROM object o JOIN container c ON c.id = o.container_id"
                        + " WHERE c.account = :account AND c.name = :container AND o.name = :name")
                .param("account", account).param("container", container).param("name", name)
                .query(this::object).optional();
    }

    Optional<StoredObject> find(long containerId, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM object WHERE container_id = :container AND name = :name")
                .param("container", containerId).param("name", name).query(this::object).optional();
    }

    /** The current version of {@code name}, locked until the transaction ends (writers of the key wait for it). */
    Optional<StoredObject> lock(long containerId, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM object WHERE container_id = :container AND name = :name FOR UPDATE")
                .param("container", containerId).param("name", name).query(this::object).optional();
    }

    /**
     * What a write or delete through {@code put_object} / {@code delete_object} did: the container's id (empty
     * when there is no such container, and nothing was written), whether the key had a version, and the files
     * the replaced version used, to remove after the commit.
     */
    record Replaced(long containerId, boolean existed, List<UUID> files) {
    }

    /**
     * Makes {@code object} the current version of its name in the account's container, in one round trip
     * (migration V4's {@code put_object}: the key's row locked or inserted, a usage delta appended). Empty when the
     * container does not exist.
     */
    Optional<Replaced> put(String account, String container, StoredObject object) {
        return jdbc.sql("""
                SELECT out_container_id, out_found, out_replaced_files FROM put_object(:account, :container, :name, :size, :etag,
                    :contentType, :lastModified, :dataId, CAST(:slo AS jsonb), :dlo, CAST(:metadata AS jsonb), :multipart)
                """)
                .param("account", account)
                .param("container", container)
                .param("name", object.name())
                .param("size", object.size())
                .param("etag", object.etag())
                .param("contentType", object.contentType())
                .param("lastModified", Timestamp.from(object.lastModified()))
                .param("dataId", object.dataId())
                .param("slo", json.segments(object.segments()))
                .param("dlo", object.dloManifest())
                .param("metadata", json.metadata(object.metadata()))
                .param("multipart", object.multipartUpload())
                .query((rs, row) -> replaced(rs)).single();
    }

    /** Removes the current version of {@code name}, in one round trip (V4's {@code delete_object}). */
    Optional<Replaced> delete(String account, String container, String name) {
        return jdbc.sql("SELECT out_container_id, out_found, out_replaced_files FROM delete_object(:account, :container, :name)")
                .param("account", account).param("container", container).param("name", name)
                .query((rs, row) -> replaced(rs)).single();
    }

    void updateMetadata(long containerId, String name, String contentType, UserMetadata metadata, Timestamp now) {
        jdbc.sql("""
                UPDATE object SET content_type = :contentType, metadata = CAST(:metadata AS jsonb),
                    last_modified = :now
                WHERE container_id = :container AND name = :name
                """)
                .param("contentType", contentType).param("metadata", json.metadata(metadata)).param("now", now)
                .param("container", containerId).param("name", name).update();
    }

    /** A {@link Listing.NameRange} read of one container's objects: one seek on the primary key. */
    List<StoredObject> read(long containerId, String from, boolean inclusive, String to, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("container", containerId);
        params.put("limit", limit);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM object WHERE container_id = :container");
        if (from != null) {
            sql.append(inclusive ? " AND name >= :from" : " AND name > :from");
            params.put("from", from);
        }
        if (to != null) {
            sql.append(" AND name < :to");
            params.put("to", to);
        }
        sql.append(" ORDER BY name LIMIT :limit");
        return jdbc.sql(sql.toString()).params(params).query(this::object).list();
    }

    /** Those of {@code ids} that a row still names as its body. */
    Set<UUID> referenced(Collection<UUID> ids) {
        Set<UUID> found = new HashSet<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT data_id FROM object WHERE data_id IN (:ids)").param("ids", ids)
                    .query(rs -> {
                        found.add(rs.getObject(1, UUID.class));
                    });
        }
        return found;
    }

    private static String columns(String alias) {
        return alias + "container_id, " + alias + "name, " + alias + "size, " + alias + "etag, " + alias + "content_type, "
                + alias + "last_modified, " + alias + "data_id, " + alias + "slo_manifest::text AS slo_manifest, "
                + alias + "dlo_manifest, " + alias + "metadata::text AS metadata, " + alias + "multipart_upload_id";
    }

    private static Optional<Replaced> replaced(ResultSet rs) throws SQLException {
        long containerId = rs.getLong("out_container_id");
        if (rs.wasNull()) {
            return Optional.empty();
        }
        if (!rs.getBoolean("out_found")) {
            return Optional.of(new Replaced(containerId, false, List.of()));
        }
        UUID[] files = (UUID[]) rs.getArray("out_replaced_files").getArray();
        return Optional.of(new Replaced(containerId, true, List.of(files)));
    }

    private StoredObject object(ResultSet rs, int row) throws SQLException {
        return new StoredObject(rs.getLong("container_id"), rs.getString("name"), rs.getLong("size"),
                rs.getString("etag"), rs.getString("content_type"), rs.getTimestamp("last_modified").toInstant(),
                rs.getObject("data_id", UUID.class), json.segments(rs.getString("slo_manifest")),
                rs.getString("dlo_manifest"), json.metadata(rs.getString("metadata")),
                rs.getObject("multipart_upload_id", UUID.class));
    }
}
