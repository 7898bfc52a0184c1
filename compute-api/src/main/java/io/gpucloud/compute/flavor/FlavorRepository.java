package io.gpucloud.compute.flavor;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code flavor}, {@code flavor_extra_spec} and {@code flavor_project_access}. */
@Repository
class FlavorRepository {

    private static final String COLUMNS = """
            id, name, description, vcpus, memory_mb, root_gb, ephemeral_gb, swap_mb, rxtx_factor, is_public, disabled
            """;

    private final JdbcClient jdbc;

    FlavorRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /** The flavor with its extra specs, in one round trip (every server create reads its flavor). */
    Optional<Flavor> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + """
                , ARRAY(SELECT s.key FROM flavor_extra_spec s WHERE s.flavor_id = flavor.id ORDER BY s.key)
                      AS spec_keys,
                  ARRAY(SELECT s.value FROM flavor_extra_spec s WHERE s.flavor_id = flavor.id ORDER BY s.key)
                      AS spec_values
                FROM flavor WHERE id = :id
                """).param("id", id).query((rs, row) -> {
                    String[] keys = (String[]) rs.getArray("spec_keys").getArray();
                    String[] values = (String[]) rs.getArray("spec_values").getArray();
                    Map<String, String> specs = new TreeMap<>();
                    for (int i = 0; i < keys.length; i++) {
                        specs.put(keys[i], values[i]);
                    }
                    return flavorWithoutSpecs(rs, row).withExtraSpecs(specs);
                }).optional();
    }

    boolean existsWithName(String name) {
        return jdbc.sql("SELECT count(*) FROM flavor WHERE name = :name").param("name", name)
                .query(Long.class).single() > 0;
    }

    boolean existsWithId(String id) {
        return jdbc.sql("SELECT count(*) FROM flavor WHERE id = :id").param("id", id).query(Long.class).single() > 0;
    }

    /** The flavors that pass the filter, in the given order, with their extra specs. */
    List<Flavor> list(FlavorFilter filter, FlavorSort sort) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM flavor WHERE true");
        Map<String, Object> params = new HashMap<>();
        if (Boolean.TRUE.equals(filter.isPublic())) {
            // Nova's "public" listing includes the private flavors the caller's project was given.
            sql.append(" AND (is_public");
            if (filter.projectId() != null) {
                sql.append(" OR id IN (SELECT flavor_id FROM flavor_project_access WHERE project_id = :project)");
                params.put("project", filter.projectId());
            }
            sql.append(")");
        } else if (Boolean.FALSE.equals(filter.isPublic())) {
            sql.append(" AND NOT is_public");
        }
        if (!filter.includeDisabled()) {
            sql.append(" AND NOT disabled");
        }
        if (filter.minRamMb() != null) {
            sql.append(" AND memory_mb >= :min_ram");
            params.put("min_ram", filter.minRamMb());
        }
        if (filter.minDiskGb() != null) {
            sql.append(" AND root_gb >= :min_disk");
            params.put("min_disk", filter.minDiskGb());
        }
        sql.append(' ').append(sort.orderBy());
        List<Flavor> flavors = jdbc.sql(sql.toString()).params(params)
                .query(FlavorRepository::flavorWithoutSpecs).list();
        Map<String, Map<String, String>> specs = extraSpecsOf(flavors.stream().map(Flavor::id).toList());
        return flavors.stream().map(f -> f.withExtraSpecs(specs.getOrDefault(f.id(), Map.of()))).toList();
    }

    void insert(Flavor flavor) {
        jdbc.sql("""
                INSERT INTO flavor (id, name, description, vcpus, memory_mb, root_gb, ephemeral_gb, swap_mb,
                                    rxtx_factor, is_public, disabled)
                VALUES (:id, :name, :description, :vcpus, :ram, :disk, :ephemeral, :swap, :rxtx, :public, false)
                """)
                .param("id", flavor.id()).param("name", flavor.name()).param("description", flavor.description())
                .param("vcpus", flavor.vcpus()).param("ram", flavor.ramMb()).param("disk", flavor.diskGb())
                .param("ephemeral", flavor.ephemeralGb()).param("swap", flavor.swapMb())
                .param("rxtx", flavor.rxtxFactor()).param("public", flavor.isPublic())
                .update();
    }

    boolean delete(String id) {
        return jdbc.sql("DELETE FROM flavor WHERE id = :id").param("id", id).update() > 0;
    }

    void updateDescription(String id, String description) {
        jdbc.sql("UPDATE flavor SET description = :description, updated_at = now() WHERE id = :id")
                .param("description", description).param("id", id).update();
    }

    void putExtraSpecs(String flavorId, Map<String, String> specs) {
        for (Map.Entry<String, String> spec : specs.entrySet()) {
            jdbc.sql("""
                    INSERT INTO flavor_extra_spec (flavor_id, key, value) VALUES (:flavor, :key, :value)
                    ON CONFLICT (flavor_id, key) DO UPDATE SET value = EXCLUDED.value
                    """).param("flavor", flavorId).param("key", spec.getKey()).param("value", spec.getValue()).update();
        }
        touch(flavorId);
    }

    boolean deleteExtraSpec(String flavorId, String key) {
        boolean deleted = jdbc.sql("DELETE FROM flavor_extra_spec WHERE flavor_id = :flavor AND key = :key")
                .param("flavor", flavorId).param("key", key).update() > 0;
        touch(flavorId);
        return deleted;
    }

    /** Serialises concurrent writers of one flavor's extra specs, so each validates the set it actually writes. */
    void lock(String flavorId) {
        jdbc.sql("SELECT id FROM flavor WHERE id = :id FOR UPDATE").param("id", flavorId).query(String.class)
                .optional();
    }

    boolean hasAccess(String flavorId, String projectId) {
        return jdbc.sql("""
                SELECT count(*) FROM flavor_project_access WHERE flavor_id = :flavor AND project_id = :project
                """)
                .param("flavor", flavorId).param("project", projectId).query(Long.class).single() > 0;
    }

    List<String> projectsWithAccess(String flavorId) {
        return jdbc.sql("""
                SELECT project_id FROM flavor_project_access WHERE flavor_id = :flavor ORDER BY project_id
                """)
                .param("flavor", flavorId).query(String.class).list();
    }

    boolean addAccess(String flavorId, String projectId) {
        return jdbc.sql("""
                INSERT INTO flavor_project_access (flavor_id, project_id) VALUES (:flavor, :project)
                ON CONFLICT DO NOTHING
                """).param("flavor", flavorId).param("project", projectId).update() > 0;
    }

    boolean removeAccess(String flavorId, String projectId) {
        return jdbc.sql("DELETE FROM flavor_project_access WHERE flavor_id = :flavor AND project_id = :project")
                .param("flavor", flavorId).param("project", projectId).update() > 0;
    }

    private void touch(String flavorId) {
        jdbc.sql("UPDATE flavor SET updated_at = now() WHERE id = :id").param("id", flavorId).update();
    }

    private Map<String, Map<String, String>> extraSpecsOf(Collection<String> flavorIds) {
        Map<String, Map<String, String>> specs = new HashMap<>();
        if (flavorIds.isEmpty()) {
            return specs;
        }
        List<String> ids = new ArrayList<>(flavorIds);
        jdbc.sql("SELECT flavor_id, key, value FROM flavor_extra_spec WHERE flavor_id IN (:ids)").param("ids", ids)
                .query((ResultSet rs) -> {
                    specs.computeIfAbsent(rs.getString("flavor_id"), id -> new TreeMap<>())
                            .put(rs.getString("key"), rs.getString("value"));
                });
        return specs;
    }

    private static Flavor flavorWithoutSpecs(ResultSet rs, int row) throws SQLException {
        return new Flavor(rs.getString("id"), rs.getString("name"), rs.getString("description"), rs.getInt("vcpus"),
                rs.getInt("memory_mb"), rs.getInt("root_gb"), rs.getInt("ephemeral_gb"), rs.getInt("swap_mb"),
                rs.getDouble("rxtx_factor"), rs.getBoolean("is_public"), rs.getBoolean("disabled"), new TreeMap<>());
    }
}
