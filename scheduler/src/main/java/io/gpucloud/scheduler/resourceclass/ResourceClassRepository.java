package io.gpucloud.scheduler.resourceclass;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code resource_class} rows: the standard classes (ids below 10000) and custom ones. */
@Repository
class ResourceClassRepository {

    /** A class and whether it is one of the standard ones, which cannot be renamed or deleted. */
    record ResourceClass(int id, String name, boolean standard) {
    }

    private final JdbcClient jdbc;

    ResourceClassRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    List<ResourceClass> list() {
        return jdbc.sql("SELECT id, name, standard FROM resource_class ORDER BY id")
                .query((rs, n) -> new ResourceClass(rs.getInt(1), rs.getString(2), rs.getBoolean(3))).list();
    }

    Optional<ResourceClass> find(String name) {
        return jdbc.sql("SELECT id, name, standard FROM resource_class WHERE name = :name").param("name", name)
                .query((rs, n) -> new ResourceClass(rs.getInt(1), rs.getString(2), rs.getBoolean(3))).optional();
    }

    /** Inserts a custom class, numbered from 10000 as in Placement; false when the name exists already. */
    boolean insertCustom(String name) {
        return jdbc.sql("""
                INSERT INTO resource_class (id, name, standard) VALUES (nextval('resource_class_custom_id'), :name, FALSE)
                ON CONFLICT (name) DO NOTHING
                """).param("name", name).update() == 1;
    }

    void rename(int id, String name) {
        jdbc.sql("UPDATE resource_class SET name = :name WHERE id = :id").param("name", name).param("id", id).update();
    }

    /** Whether any inventory or allocation names the class. */
    boolean inUse(int id) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM inventory WHERE resource_class_id = :id)
                    OR EXISTS (SELECT 1 FROM allocation WHERE resource_class_id = :id)
                """).param("id", id).query(Boolean.class).single();
    }

    void delete(int id) {
        jdbc.sql("DELETE FROM resource_class WHERE id = :id").param("id", id).update();
    }
}
