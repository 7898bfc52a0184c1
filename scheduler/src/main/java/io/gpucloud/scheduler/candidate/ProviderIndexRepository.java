package io.gpucloud.scheduler.candidate;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL behind {@link ProviderIndex}: whole trees with inventories, usage, traits and aggregates, and
 * the change log ({@code provider_change}, filled by triggers, see V2__allocation_candidate_index.sql).
 * Tree loads run inside the caller's repeatable-read transaction so that one tree is read at one instant.
 */
@Repository
class ProviderIndexRepository {

    /** One committed change: the provider it touched and the writing transaction's id. */
    record Change(long id, long providerId, long xid) {
    }

    /** The changes visible now, and the xmin of the snapshot they were read with (see the V2 comment). */
    record Changes(long horizon, List<Change> changes) {
    }

    private final JdbcClient jdbc;

    ProviderIndexRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /** The xmin of the current snapshot: every transaction with a lower xid has committed or aborted. */
    long horizon() {
        return jdbc.sql("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint").query(Long.class).single();
    }

    /** Changes written by transactions with an xid at or above {@code since}, in one round trip. */
    Changes changesSince(long since) {
        long[] horizon = {0};
        List<Change> changes = new ArrayList<>();
        jdbc.sql("""
                SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon, c.id, c.provider_id, c.xid
                FROM (VALUES (1)) AS one (x)
                LEFT JOIN provider_change c ON c.xid >= :since
                """).param("since", since).query(rs -> {
                    horizon[0] = rs.getLong(1);
                    long id = rs.getLong(2);
                    if (!rs.wasNull()) {
                        changes.add(new Change(id, rs.getLong(3), rs.getLong(4)));
                    }
                });
        return new Changes(horizon[0], changes);
    }

    void pruneChangesOlderThan(Duration age) {
        jdbc.sql("DELETE FROM provider_change WHERE changed_at < now() - make_interval(secs => :seconds)")
                .param("seconds", (double) age.toSeconds()).update();
    }

    /** The current roots of these providers (providers deleted since are absent). */
    Set<Long> rootsOf(Collection<Long> providerIds) {
        if (providerIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT root_provider_id FROM resource_provider WHERE id IN (:ids)")
                .param("ids", providerIds).query(Long.class).list());
    }

    Set<String> traitNames() {
        return new HashSet<>(jdbc.sql("SELECT name FROM trait").query(String.class).list());
    }

    /** Every tree, or only the trees with these roots; a root that no longer exists is simply absent. */
    Map<Long, ProviderTree> loadTrees(Collection<Long> rootIds) {
        boolean all = rootIds == null;
        if (!all && rootIds.isEmpty()) {
            return Map.of();
        }
        String treeFilter = all ? "" : " AND rp.root_provider_id IN (:roots)";

        record Row(long id, UUID uuid, UUID parentUuid, UUID rootUuid, long rootId) {
        }
        List<Row> rows = withRoots(jdbc.sql("""
                SELECT rp.id, rp.uuid, parent.uuid, root.uuid, rp.root_provider_id
                FROM resource_provider rp
                JOIN resource_provider root ON root.id = rp.root_provider_id
                LEFT JOIN resource_provider parent ON parent.id = rp.parent_provider_id
                WHERE TRUE""" + treeFilter + " ORDER BY rp.root_provider_id, rp.id"), rootIds)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), rs.getLong(5))).list();

        // SELECT ... SUM(allocation.used) per inventory, through the (provider, class) index of allocation.
        Map<Long, List<IndexedInventory>> inventories = new HashMap<>();
        withRoots(jdbc.sql("""
                SELECT i.resource_provider_id, i.resource_class_id, i.total, i.reserved, i.min_unit, i.max_unit,
                       i.step_size, i.allocation_ratio, COALESCE(usage.used, 0)
                FROM inventory i
                JOIN resource_provider rp ON rp.id = i.resource_provider_id
                LEFT JOIN LATERAL (
                    SELECT SUM(a.used) AS used FROM allocation a
                    WHERE a.resource_provider_id = i.resource_provider_id AND a.resource_class_id = i.resource_class_id
                ) usage ON TRUE
                WHERE TRUE""" + treeFilter + " ORDER BY i.resource_provider_id, i.resource_class_id"), rootIds)
                .query(rs -> {
                    inventories.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(new IndexedInventory(
                            rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7),
                            rs.getDouble(8), rs.getLong(9)));
                });

        Map<Long, Set<String>> traits = new HashMap<>();
        withRoots(jdbc.sql("""
                SELECT pt.resource_provider_id, t.name
                FROM provider_trait pt
                JOIN trait t ON t.id = pt.trait_id
                JOIN resource_provider rp ON rp.id = pt.resource_provider_id
                WHERE TRUE""" + treeFilter), rootIds)
                .query(rs -> {
                    traits.computeIfAbsent(rs.getLong(1), id -> new HashSet<>()).add(rs.getString(2));
                });

        Map<Long, Set<UUID>> aggregates = new HashMap<>();
        withRoots(jdbc.sql("""
                SELECT pa.resource_provider_id, pa.aggregate_uuid
                FROM provider_aggregate pa
                JOIN resource_provider rp ON rp.id = pa.resource_provider_id
                WHERE TRUE""" + treeFilter), rootIds)
                .query(rs -> {
                    aggregates.computeIfAbsent(rs.getLong(1), id -> new HashSet<>()).add(rs.getObject(2, UUID.class));
                });

        Map<Long, List<IndexedProvider>> byRoot = new HashMap<>();
        for (Row row : rows) {
            byRoot.computeIfAbsent(row.rootId(), id -> new ArrayList<>()).add(new IndexedProvider(row.id(), row.uuid(),
                    row.parentUuid(), row.rootUuid(), row.rootId(),
                    inventories.getOrDefault(row.id(), List.of()).toArray(IndexedInventory[]::new),
                    traits.getOrDefault(row.id(), Set.of()), aggregates.getOrDefault(row.id(), Set.of())));
        }
        Map<Long, ProviderTree> trees = new HashMap<>();
        byRoot.forEach((rootId, providers) -> trees.put(rootId, new ProviderTree(parentsFirst(rootId, providers))));
        return trees;
    }

    private static JdbcClient.StatementSpec withRoots(JdbcClient.StatementSpec statement, Collection<Long> rootIds) {
        return rootIds == null ? statement : statement.param("roots", rootIds);
    }

    /** Orders a tree's providers root first, each parent before its children (breadth first). */
    private static List<IndexedProvider> parentsFirst(long rootId, List<IndexedProvider> providers) {
        Map<UUID, List<IndexedProvider>> children = new HashMap<>();
        IndexedProvider root = null;
        for (IndexedProvider provider : providers) {
            if (provider.id() == rootId) {
                root = provider;
            } else if (provider.parentUuid() != null) {
                children.computeIfAbsent(provider.parentUuid(), p -> new ArrayList<>()).add(provider);
            }
        }
        List<IndexedProvider> ordered = new ArrayList<>(providers.size());
        ordered.add(requireNonNull(root, "tree without its root"));
        for (int i = 0; i < ordered.size(); i++) {
            ordered.addAll(children.getOrDefault(ordered.get(i).uuid(), List.of()));
        }
        return ordered;
    }
}
