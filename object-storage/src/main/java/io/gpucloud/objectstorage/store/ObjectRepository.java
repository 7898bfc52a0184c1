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

    private static final String COLUMNS = "container_id, name, size, etag, content_type, last_modified, data_id,"
            + " slo_manifest::text AS slo_manifest, dlo_manifest, metadata::text AS metadata, multipart_upload_id";

    private final JdbcClient jdbc;
    private final JsonColumns json;

    ObjectRepository(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.json = requireNonNull(json, "json is null");
    }

    Optional<StoredObject> find(long containerId, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM object WHERE container_id = :container AND name = :name")
                .param("container", containerId).param("name", name).query(this::object).optional();
    }

    /** Writes {@code object} as the current version of its name, replacing any previous row. */
    void upsert(StoredObject object) {
        jdbc.sql("""
                INSERT INTO object (container_id, name, size, etag, content_type, last_modified, data_id,
                                    slo_manifest, dlo_manifest, metadata, multipart_upload_id)
                VALUES (:container, :name, :size, :etag, :contentType, :lastModified, :dataId,
                        CAST(:slo AS jsonb), :dlo, CAST(:metadata AS jsonb), :multipart)
                ON CONFLICT (container_id, name) DO UPDATE SET
                    size = excluded.size, etag = excluded.etag, content_type = excluded.content_type,
                    last_modified = excluded.last_modified, data_id = excluded.data_id,
                    slo_manifest = excluded.slo_manifest, dlo_manifest = excluded.dlo_manifest,
                    metadata = excluded.metadata, multipart_upload_id = excluded.multipart_upload_id
                """)
                .param("container", object.containerId())
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
                .update();
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

    void delete(long containerId, String name) {
        jdbc.sql("DELETE FROM object WHERE container_id = :container AND name = :name")
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

    private StoredObject object(ResultSet rs, int row) throws SQLException {
        return new StoredObject(rs.getLong("container_id"), rs.getString("name"), rs.getLong("size"),
                rs.getString("etag"), rs.getString("content_type"), rs.getTimestamp("last_modified").toInstant(),
                rs.getObject("data_id", UUID.class), json.segments(rs.getString("slo_manifest")),
                rs.getString("dlo_manifest"), json.metadata(rs.getString("metadata")),
                rs.getObject("multipart_upload_id", UUID.class));
    }
}
