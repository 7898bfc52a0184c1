package io.gpucloud.compute.image;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code image}, {@code image_property} and {@code image_tag}. Status changes are compare-and-set. */
@Repository
class ImageRepository {

    private static final String COLUMNS = """
            i.id, i.name, i.status, i.visibility, i.owner, i.disk_format, i.container_format, i.size, i.checksum,
            i.os_hash_value, i.min_disk, i.min_ram, i.protected, i.os_hidden, i.created_at, i.updated_at""";

    /** Properties (names and values, in name order) and tags of the image {@code i}, as three arrays. */
    private static final String DETAILS = """
            , ARRAY(SELECT p.name FROM image_property p WHERE p.image_id = i.id ORDER BY p.name) AS property_names,
              ARRAY(SELECT p.value FROM image_property p WHERE p.image_id = i.id ORDER BY p.name) AS property_values,
              ARRAY(SELECT t.tag FROM image_tag t WHERE t.image_id = i.id ORDER BY t.tag) AS tags""";

    private final JdbcClient jdbc;

    ImageRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /** The image with its properties and tags, in one round trip (every server create reads its image). */
    Optional<Image> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + DETAILS + " FROM image i WHERE i.id = :id").param("id", id)
                .query(ImageRepository::imageWithDetails).optional();
    }

    /** The image, locked until the transaction ends, so that concurrent PATCHes apply one after the other. */
    Optional<Image> findForUpdate(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + DETAILS + " FROM image i WHERE i.id = :id FOR UPDATE")
                .param("id", id).query(ImageRepository::imageWithDetails).optional();
    }

    List<Image> list(ImageListQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM image i WHERE true");
        Map<String, Object> params = new HashMap<>();
        appendVisibility(query, sql, params);
        // Hidden images (os_hidden) are listed only when asked for, and then alone.
        sql.append(query.hidden() ? " AND i.os_hidden" : " AND NOT i.os_hidden");
        equal(sql, params, "i.name", "name", query.name());
        equal(sql, params, "i.status", "status", query.status());
        equal(sql, params, "i.owner", "owner", query.owner());
        equal(sql, params, "i.disk_format", "disk_format", query.diskFormat());
        equal(sql, params, "i.container_format", "container_format", query.containerFormat());
        if (query.tag() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM image_tag t WHERE t.image_id = i.id AND t.tag = :tag)");
            params.put("tag", query.tag());
        }
        int n = 0;
        for (Map.Entry<String, String> property : query.properties().entrySet()) {
            sql.append(" AND EXISTS (SELECT 1 FROM image_property p WHERE p.image_id = i.id AND p.name = :pn")
                    .append(n).append(" AND p.value = :pv").append(n).append(")");
            params.put("pn" + n, property.getKey());
            params.put("pv" + n, property.getValue());
            n++;
        }
        ImageSort sort = query.sort();
        String comparison = sort.descending() ? "<" : ">";
        if (query.markerId() != null) {
            sql.append(" AND (").append(sort.keyOf("i")).append(", i.id) ").append(comparison).append(" (SELECT ")
                    .append(sort.keyOf("m")).append(", m.id FROM image m WHERE m.id = :marker)");
            params.put("marker", query.markerId());
        }
        String direction = sort.descending() ? " DESC" : " ASC";
        sql.append(" ORDER BY ").append(sort.keyOf("i")).append(direction).append(", i.id").append(direction)
                .append(" LIMIT :limit");
        params.put("limit", query.limit());
        return withDetails(jdbc.sql(sql.toString()).params(params).query(ImageRepository::imageWithoutDetails).list());
    }

    /**
     * Glance's default listing for a project: public images and its own (community images of others only when
     * asked for); an admin sees every image unless it filters on visibility.
     */
    private static void appendVisibility(ImageListQuery query, StringBuilder sql, Map<String, Object> params) {
        String visibility = query.visibility();
        params.put("project", query.projectId() == null ? "" : query.projectId());
        if (query.admin()) {
            if (visibility != null && !visibility.equals("all")) {
                sql.append(" AND i.visibility = :visibility");
                params.put("visibility", visibility);
            }
            return;
        }
        if (visibility == null) {
            sql.append(" AND (i.visibility = 'public' OR i.owner = :project)");
        } else if (visibility.equals("all")) {
            sql.append(" AND (i.visibility IN ('public', 'community') OR i.owner = :project)");
        } else if (visibility.equals("public") || visibility.equals("community")) {
            sql.append(" AND i.visibility = :visibility");
            params.put("visibility", visibility);
        } else {
            sql.append(" AND i.visibility = :visibility AND i.owner = :project");
            params.put("visibility", visibility);
        }
    }

    private static void equal(StringBuilder sql, Map<String, Object> params, String column, String name, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = :").append(name);
            params.put(name, value);
        }
    }

    void insert(Image image) {
        jdbc.sql("""
                INSERT INTO image (id, name, status, visibility, owner, disk_format, container_format, min_disk,
                                   min_ram, protected, os_hidden, created_at, updated_at)
                VALUES (:id, :name, :status, :visibility, :owner, :disk_format, :container_format, :min_disk,
                        :min_ram, :protected, :hidden, :created_at, :updated_at)
                """)
                .param("id", image.id()).param("name", image.name()).param("status", image.status().wireName())
                .param("visibility", image.visibility().wireName()).param("owner", image.owner())
                .param("disk_format", image.diskFormat()).param("container_format", image.containerFormat())
                .param("min_disk", image.minDiskGb()).param("min_ram", image.minRamMb())
                .param("protected", image.isProtected()).param("hidden", image.hidden())
                .param("created_at", Timestamp.from(image.createdAt()))
                .param("updated_at", Timestamp.from(image.updatedAt()))
                .update();
        writeDetails(image);
    }

    /** Writes the attributes a PATCH may change; status and data fields are left alone. */
    void update(Image image) {
        jdbc.sql("""
                UPDATE image SET name = :name, visibility = :visibility, owner = :owner, disk_format = :disk_format,
                       container_format = :container_format, min_disk = :min_disk, min_ram = :min_ram,
                       protected = :protected, os_hidden = :hidden, updated_at = :updated_at
                WHERE id = :id
                """)
                .param("id", image.id()).param("name", image.name())
                .param("visibility", image.visibility().wireName()).param("owner", image.owner())
                .param("disk_format", image.diskFormat()).param("container_format", image.containerFormat())
                .param("min_disk", image.minDiskGb()).param("min_ram", image.minRamMb())
                .param("protected", image.isProtected()).param("hidden", image.hidden())
                .param("updated_at", Timestamp.from(image.updatedAt()))
                .update();
        jdbc.sql("DELETE FROM image_property WHERE image_id = :id").param("id", image.id()).update();
        jdbc.sql("DELETE FROM image_tag WHERE image_id = :id").param("id", image.id()).update();
        writeDetails(image);
    }

    /** queued → saving; false when the image is gone or already has (or is receiving) data. */
    boolean startUpload(UUID id) {
        return jdbc.sql("UPDATE image SET status = 'saving', updated_at = now() WHERE id = :id AND status = 'queued'")
                .param("id", id).update() > 0;
    }

    /** saving → queued, after a failed upload. */
    void abandonUpload(UUID id) {
        jdbc.sql("UPDATE image SET status = 'queued', updated_at = now() WHERE id = :id AND status = 'saving'")
                .param("id", id).update();
    }

    /** saving → active with the data's size and hashes; false when the image was deleted meanwhile. */
    boolean finishUpload(UUID id, long size, String md5, String sha512) {
        return jdbc.sql("""
                UPDATE image SET status = 'active', size = :size, checksum = :md5, os_hash_algo = 'sha512',
                       os_hash_value = :sha512, updated_at = now()
                WHERE id = :id AND status = 'saving'
                """).param("id", id).param("size", size).param("md5", md5).param("sha512", sha512).update() > 0;
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM image WHERE id = :id").param("id", id).update() > 0;
    }

    private void writeDetails(Image image) {
        for (Map.Entry<String, String> property : image.properties().entrySet()) {
            jdbc.sql("INSERT INTO image_property (image_id, name, value) VALUES (:id, :name, :value)")
                    .param("id", image.id()).param("name", property.getKey()).param("value", property.getValue())
                    .update();
        }
        for (String tag : image.tags()) {
            jdbc.sql("INSERT INTO image_tag (image_id, tag) VALUES (:id, :tag)").param("id", image.id())
                    .param("tag", tag).update();
        }
    }

    /** Fills in properties and tags of all the images with one query each. */
    private List<Image> withDetails(List<Image> images) {
        if (images.isEmpty()) {
            return images;
        }
        List<UUID> ids = images.stream().map(Image::id).toList();
        Map<UUID, Map<String, String>> properties = new HashMap<>();
        jdbc.sql("SELECT image_id, name, value FROM image_property WHERE image_id IN (:ids)").param("ids", ids)
                .query((ResultSet rs) -> {
                    properties.computeIfAbsent(rs.getObject("image_id", UUID.class), id -> new TreeMap<>())
                            .put(rs.getString("name"), rs.getString("value"));
                });
        Map<UUID, List<String>> tags = new HashMap<>();
        jdbc.sql("SELECT image_id, tag FROM image_tag WHERE image_id IN (:ids) ORDER BY tag").param("ids", ids)
                .query((ResultSet rs) -> {
                    tags.computeIfAbsent(rs.getObject("image_id", UUID.class), id -> new ArrayList<>())
                            .add(rs.getString("tag"));
                });
        return images.stream().map(image -> new Image(image.id(), image.name(), image.status(), image.visibility(),
                image.owner(), image.diskFormat(), image.containerFormat(), image.size(), image.checksum(),
                image.hashValue(), image.minDiskGb(), image.minRamMb(), image.isProtected(), image.hidden(),
                tags.getOrDefault(image.id(), List.of()),
                new TreeMap<>(properties.getOrDefault(image.id(), Map.of())), image.createdAt(), image.updatedAt()))
                .toList();
    }

    private static Image imageWithDetails(ResultSet rs, int row) throws SQLException {
        String[] names = (String[]) rs.getArray("property_names").getArray();
        String[] values = (String[]) rs.getArray("property_values").getArray();
        Map<String, String> properties = new TreeMap<>();
        for (int i = 0; i < names.length; i++) {
            properties.put(names[i], values[i]);
        }
        return image(rs, List.of((String[]) rs.getArray("tags").getArray()), properties);
    }

    private static Image imageWithoutDetails(ResultSet rs, int row) throws SQLException {
        return image(rs, List.of(), new TreeMap<>());
    }

    private static Image image(ResultSet rs, List<String> tags, Map<String, String> properties) throws SQLException {
        long size = rs.getLong("size");
        Long sizeOrNull = rs.wasNull() ? null : size;
        return new Image(rs.getObject("id", UUID.class), rs.getString("name"),
                ImageStatus.fromWire(rs.getString("status")), ImageVisibility.fromWire(rs.getString("visibility")),
                rs.getString("owner"), rs.getString("disk_format"), rs.getString("container_format"), sizeOrNull,
                rs.getString("checksum"), rs.getString("os_hash_value"), rs.getInt("min_disk"), rs.getInt("min_ram"),
                rs.getBoolean("protected"), rs.getBoolean("os_hidden"), tags, properties,
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
