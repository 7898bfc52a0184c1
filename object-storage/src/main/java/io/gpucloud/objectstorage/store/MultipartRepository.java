package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
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

/** {@code multipart_upload} and {@code multipart_part} rows. */
@Repository
class MultipartRepository {

    private static final String UPLOAD_COLUMNS =
            "upload_id, container_id, name, content_type, metadata::text AS metadata, initiated_at";
    private static final String PART_COLUMNS = "part_number, size, etag, data_id, last_modified";

    private final JdbcClient jdbc;
    private final JsonColumns json;

    MultipartRepository(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.json = requireNonNull(json, "json is null");
    }

    void insert(MultipartUpload upload) {
        jdbc.sql("""
                INSERT INTO multipart_upload (upload_id, container_id, name, content_type, metadata, initiated_at)
                VALUES (:id, :container, :name, :contentType, CAST(:metadata AS jsonb), :initiated)
                """)
                .param("id", upload.id()).param("container", upload.containerId()).param("name", upload.name())
                .param("contentType", upload.contentType()).param("metadata", json.metadata(upload.metadata()))
                .param("initiated", Timestamp.from(upload.initiatedAt())).update();
    }

    /**
     * The upload while it is in progress. {@code lock}: "share" keeps it from completing or being aborted
     * while a part is added, "update" is taken by complete and abort.
     */
    Optional<MultipartUpload> findInProgress(UUID id, String lock) {
        return jdbc.sql("SELECT " + UPLOAD_COLUMNS + " FROM multipart_upload WHERE upload_id = :id"
                        + " AND completed_at IS NULL" + (lock == null ? "" : " FOR " + lock))
                .param("id", id).query(this::upload).optional();
    }

    void markCompleted(UUID id, Instant now) {
        jdbc.sql("UPDATE multipart_upload SET completed_at = :now WHERE upload_id = :id")
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** Deletes the upload and its parts; returns the part files, to delete after the commit. */
    List<UUID> delete(UUID id) {
        List<UUID> files = jdbc.sql("DELETE FROM multipart_part WHERE upload_id = :id RETURNING data_id")
                .param("id", id).query((rs, n) -> rs.getObject(1, UUID.class)).list();
        jdbc.sql("DELETE FROM multipart_upload WHERE upload_id = :id").param("id", id).update();
        return files;
    }

    /** Stores a part, replacing one of the same number; returns the replaced part's file, if any. */
    Optional<UUID> upsertPart(UUID uploadId, UploadedPart part) {
        Optional<UUID> previous = jdbc.sql("SELECT data_id FROM multipart_part WHERE upload_id = :id AND part_number = :n FOR UPDATE")
                .param("id", uploadId).param("n", part.partNumber()).query((rs, n) -> rs.getObject(1, UUID.class)).optional();
        jdbc.sql("""
                INSERT INTO multipart_part (upload_id, part_number, size, etag, data_id, last_modified)
                VALUES (:id, :n, :size, :etag, :dataId, :modified)
                ON CONFLICT (upload_id, part_number) DO UPDATE SET size = excluded.size, etag = excluded.etag,
                    data_id = excluded.data_id, last_modified = excluded.last_modified
                """)
                .param("id", uploadId).param("n", part.partNumber()).param("size", part.size())
                .param("etag", part.etag()).param("dataId", part.dataId())
                .param("modified", Timestamp.from(part.lastModified())).update();
        return previous;
    }

    /** Up to {@code limit} parts numbered above {@code after}, in part-number order. */
    List<UploadedPart> parts(UUID uploadId, int after, int limit) {
        return jdbc.sql("SELECT " + PART_COLUMNS + " FROM multipart_part WHERE upload_id = :id AND part_number > :after"
                        + " ORDER BY part_number LIMIT :limit")
                .param("id", uploadId).param("after", after).param("limit", limit).query(this::part).list();
    }

    /** Removes the parts a completion left out; returns their files. */
    List<UUID> deletePartsExcept(UUID uploadId, Collection<Integer> kept) {
        return jdbc.sql("DELETE FROM multipart_part WHERE upload_id = :id AND part_number NOT IN (:kept) RETURNING data_id")
                .param("id", uploadId).param("kept", List.copyOf(kept))
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    /**
     * Uploads in progress of one container, in (name, upload id) order, after the markers: names after
     * {@code keyMarker}, or the same name with a larger upload id than {@code uploadIdMarker}.
     */
    List<MultipartUpload> inProgress(long containerId, String prefix, String keyMarker, UUID uploadIdMarker, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("container", containerId);
        params.put("limit", limit);
        StringBuilder sql = new StringBuilder("SELECT " + UPLOAD_COLUMNS
                + " FROM multipart_upload WHERE container_id = :container AND completed_at IS NULL");
        if (prefix != null && !prefix.isEmpty()) {
            sql.append(" AND name >= :prefix");
            params.put("prefix", prefix);
            String end = NameOrder.successor(prefix);
            if (end != null) {
                sql.append(" AND name < :prefixEnd");
                params.put("prefixEnd", end);
            }
        }
        if (keyMarker != null) {
            params.put("keyMarker", keyMarker);
            if (uploadIdMarker != null) {
                sql.append(" AND (name > :keyMarker OR (name = :keyMarker AND upload_id > :uploadIdMarker))");
                params.put("uploadIdMarker", uploadIdMarker);
            } else {
                sql.append(" AND name > :keyMarker");
            }
        }
        sql.append(" ORDER BY name, upload_id LIMIT :limit");
        return jdbc.sql(sql.toString()).params(params).query(this::upload).list();
    }

    /** Uploads still in progress that were started before {@code cutoff}. */
    List<UUID> startedBefore(Instant cutoff, int limit) {
        return jdbc.sql("SELECT upload_id FROM multipart_upload WHERE completed_at IS NULL AND initiated_at < :cutoff LIMIT :limit")
                .param("cutoff", Timestamp.from(cutoff)).param("limit", limit)
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    /** Those of {@code ids} that a part still names as its body. */
    Set<UUID> referenced(Collection<UUID> ids) {
        Set<UUID> found = new HashSet<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT data_id FROM multipart_part WHERE data_id IN (:ids)").param("ids", ids)
                    .query(rs -> {
                        found.add(rs.getObject(1, UUID.class));
                    });
        }
        return found;
    }

    private MultipartUpload upload(ResultSet rs, int row) throws SQLException {
        return new MultipartUpload(rs.getObject("upload_id", UUID.class), rs.getLong("container_id"), rs.getString("name"),
                rs.getString("content_type"), json.metadata(rs.getString("metadata")),
                rs.getTimestamp("initiated_at").toInstant());
    }

    private UploadedPart part(ResultSet rs, int row) throws SQLException {
        return new UploadedPart(rs.getInt("part_number"), rs.getLong("size"), rs.getString("etag"),
                rs.getObject("data_id", UUID.class), rs.getTimestamp("last_modified").toInstant());
    }
}
