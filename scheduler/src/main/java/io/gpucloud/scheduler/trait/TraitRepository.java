package io.gpucloud.scheduler.trait;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code trait} rows and {@code provider_trait} associations. */
@Repository
class TraitRepository {

    record Trait(int id, String name, boolean standard) {
    }

    /** How {@code GET /traits} narrows the list; every part optional. */
    record TraitQuery(Optional<String> prefix, Optional<Set<String>> names, Optional<Boolean> associated) {
    }

    private final JdbcClient jdbc;

    TraitRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    List<String> list(TraitQuery query) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        query.prefix().ifPresent(prefix -> {
            // NOTE: the prefix is matched literally; LIKE's own wildcards in it are escaped.
            clauses.add("t.name LIKE :prefix ESCAPE '\\'");
            params.put("prefix", prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        });
        query.names().ifPresent(names -> {
            clauses.add("t.name IN (:names)");
            params.put("names", names);
        });
        query.associated().ifPresent(associated -> clauses.add(
                (associated ? "" : "NOT ") + "EXISTS (SELECT 1 FROM provider_trait pt WHERE pt.trait_id = t.id)"));
        String where = clauses.isEmpty() ? "" : "WHERE " + String.join(" AND ", clauses) + "\n";
        return jdbc.sql("SELECT t.name FROM trait t\n" + where + "ORDER BY t.name").params(params)
                .query(String.class).list();
    }

    Optional<Trait> find(String name) {
        return jdbc.sql("SELECT id, name, standard FROM trait WHERE name = :name").param("name", name)
                .query((rs, n) -> new Trait(rs.getInt(1), rs.getString(2), rs.getBoolean(3))).optional();
    }

    /** Name to id for those of {@code names} that exist. */
    Map<String, Integer> idsByName(Collection<String> names) {
        Map<String, Integer> ids = new HashMap<>();
        if (!names.isEmpty()) {
            jdbc.sql("SELECT id, name FROM trait WHERE name IN (:names)").param("names", names)
                    .query(rs -> {
                        ids.put(rs.getString("name"), rs.getInt("id"));
                    });
        }
        return ids;
    }

    /** @return false when the trait exists already */
    boolean insertCustom(String name) {
        return jdbc.sql("INSERT INTO trait (name, standard) VALUES (:name, FALSE) ON CONFLICT (name) DO NOTHING")
                .param("name", name).update() == 1;
    }

    boolean inUse(int id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM provider_trait WHERE trait_id = :id)").param("id", id)
                .query(Boolean.class).single();
    }

    void delete(int id) {
        jdbc.sql("DELETE FROM trait WHERE id = :id").param("id", id).update();
    }

    List<String> ofProvider(long providerId) {
        return jdbc.sql("""
                SELECT t.name FROM provider_trait pt JOIN trait t ON t.id = pt.trait_id
                WHERE pt.resource_provider_id = :provider_id ORDER BY t.name
                """).param("provider_id", providerId).query(String.class).list();
    }

    void clearProvider(long providerId) {
        jdbc.sql("DELETE FROM provider_trait WHERE resource_provider_id = :provider_id")
                .param("provider_id", providerId).update();
    }

    void removeFromProvider(long providerId, int traitId) {
        jdbc.sql("DELETE FROM provider_trait WHERE resource_provider_id = :provider_id AND trait_id = :trait_id")
                .param("provider_id", providerId).param("trait_id", traitId).update();
    }

    void addToProvider(long providerId, Collection<Integer> traitIds) {
        for (int traitId : traitIds) {
            jdbc.sql("INSERT INTO provider_trait (resource_provider_id, trait_id) VALUES (:provider_id, :trait_id)")
                    .param("provider_id", providerId).param("trait_id", traitId).update();
        }
    }
}
