package io.gpucloud.scheduler.provider;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code GET /resource_providers} query: one {@code SELECT} whose {@code WHERE} gets one clause per filter.
 * Every clause is a fixed text with numbered parameters, so the SQL that runs is always one of these
 * fragments joined by {@code AND}.
 */
@Repository
class ProviderSearch {

    private static final String NAME = "rp.name = :name";
    private static final String UUID = "rp.uuid = :uuid";
    /** An unknown in_tree uuid makes the sub-select NULL, so nothing matches: Placement answers an empty list. */
    private static final String IN_TREE = """
            rp.root_provider_id = (SELECT root_provider_id FROM resource_provider WHERE uuid = :in_tree)""";
    private static final String MEMBER_OF = """
            EXISTS (SELECT 1 FROM provider_aggregate pa
                    WHERE pa.resource_provider_id = rp.id AND pa.aggregate_uuid IN (:member_of_%d))""";
    private static final String NOT_MEMBER_OF = """
            NOT EXISTS (SELECT 1 FROM provider_aggregate pa
                        WHERE pa.resource_provider_id = rp.id AND pa.aggregate_uuid IN (:forbidden_aggregates))""";
    /** The provider has at least one of the named traits (one required trait is a list of one). */
    private static final String HAS_TRAIT = """
            EXISTS (SELECT 1 FROM provider_trait pt JOIN trait t ON t.id = pt.trait_id
                    WHERE pt.resource_provider_id = rp.id AND t.name IN (:traits_%d))""";
    private static final String LACKS_TRAITS = """
            NOT EXISTS (SELECT 1 FROM provider_trait pt JOIN trait t ON t.id = pt.trait_id
                        WHERE pt.resource_provider_id = rp.id AND t.name IN (:forbidden_traits))""";
    /**
     * Room for {@code amount} of one class, the test Placement applies to a claim: the amount respects
     * min_unit, max_unit and step_size, and what is already used plus the amount fits in
     * (total - reserved) * allocation_ratio.
     */
    private static final String HAS_CAPACITY = """
            EXISTS (SELECT 1 FROM inventory inv
                    WHERE inv.resource_provider_id = rp.id AND inv.resource_class_id = :class_%1$d
                      AND inv.min_unit <= :amount_%1$d AND inv.max_unit >= :amount_%1$d
                      AND :amount_%1$d %% inv.step_size = 0
                      AND (inv.total - inv.reserved) * inv.allocation_ratio >= :amount_%1$d + COALESCE(
                          (SELECT SUM(a.used) FROM allocation a
                           WHERE a.resource_provider_id = rp.id AND a.resource_class_id = :class_%1$d), 0))""";

    private final JdbcClient jdbc;
    private final ProviderRepository providers;

    ProviderSearch(JdbcClient jdbc, ProviderRepository providers) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.providers = requireNonNull(providers, "providers is null");
    }

    List<ResourceProvider> find(ProviderFilter filter) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        filter.name().ifPresent(name -> {
            clauses.add(NAME);
            params.put("name", name);
        });
        filter.uuid().ifPresent(uuid -> {
            clauses.add(UUID);
            params.put("uuid", uuid);
        });
        filter.inTree().ifPresent(root -> {
            clauses.add(IN_TREE);
            params.put("in_tree", root);
        });
        for (int i = 0; i < filter.memberOf().size(); i++) {
            clauses.add(MEMBER_OF.formatted(i));
            params.put("member_of_" + i, filter.memberOf().get(i));
        }
        if (!filter.forbiddenAggregates().isEmpty()) {
            clauses.add(NOT_MEMBER_OF);
            params.put("forbidden_aggregates", filter.forbiddenAggregates());
        }
        List<Set<String>> traitGroups = new ArrayList<>(filter.anyOfTraits());
        filter.requiredTraits().forEach(trait -> traitGroups.add(Set.of(trait)));
        for (int i = 0; i < traitGroups.size(); i++) {
            clauses.add(HAS_TRAIT.formatted(i));
            params.put("traits_" + i, traitGroups.get(i));
        }
        if (!filter.forbiddenTraits().isEmpty()) {
            clauses.add(LACKS_TRAITS);
            params.put("forbidden_traits", filter.forbiddenTraits());
        }
        int i = 0;
        for (Map.Entry<Integer, Integer> resource : filter.resources().entrySet()) {
            clauses.add(HAS_CAPACITY.formatted(i));
            params.put("class_" + i, resource.getKey());
            params.put("amount_" + i, resource.getValue());
            i++;
        }
        String where = clauses.isEmpty() ? "" : "WHERE " + String.join("\n  AND ", clauses);
        return providers.list(where, params);
    }

    /** The names among {@code names} that are no trait, sorted, for the 400 that names them. */
    Set<String> unknownTraits(Collection<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        Set<String> unknown = new TreeSet<>(names);
        unknown.removeAll(jdbc.sql("SELECT name FROM trait WHERE name IN (:names)").param("names", names)
                .query(String.class).list());
        return unknown;
    }
}
