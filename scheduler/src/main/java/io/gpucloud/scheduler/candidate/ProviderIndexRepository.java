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
 * Every tree load is one statement, so each tree is read at one instant; a full load runs in the caller's
 * repeatable-read transaction, whose snapshot the caller also reads.
 */
@Repository
class ProviderIndexRepository {

    /**
     * One committed change: the provider it touched, the writing transaction's id, and whether it changed only
     * what is allocated of the provider (an allocation), not the provider itself.
     */
    record Change(long id, long providerId, long xid, boolean usageOnly) {
    }

    /**
     * What a snapshot could not see: every transaction with an xid at or above {@code xmax}, and those in
     * {@code inProgress} (pg_snapshot_xip). A change row is visible to the snapshot unless its xid is one of
     * those, so the rows to read next time are exactly the ones written by them.
     */
    record Snapshot(long xmax, long[] inProgress) {
    }

    /** The changes a new snapshot sees that the previous one did not, and the new snapshot. */
    record Changes(Snapshot snapshot, List<Change> changes) {
    }

    /** {@code usage.used}: what is allocated of inventory {@code i}, summed through the (provider, class) index. */
    private static final String USAGE_OF_INVENTORY = """
            LEFT JOIN LATERAL (
                SELECT SUM(a.used) AS used FROM allocation a
                WHERE a.resource_provider_id = i.resource_provider_id AND a.resource_class_id = i.resource_class_id
            ) usage ON TRUE
            """;

    private static final String SNAPSHOT_COLUMNS = """
            pg_snapshot_xmax(snap)::text::bigint,
            ARRAY(SELECT x::text::bigint FROM pg_snapshot_xip(snap) AS x)""";

    private final JdbcClient jdbc;

    ProviderIndexRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /** The current snapshot; inside a repeatable-read transaction, the one its reads use. */
    Snapshot snapshot() {
        return jdbc.sql("SELECT " + SNAPSHOT_COLUMNS + " FROM pg_current_snapshot() AS snap")
                .query((rs, n) -> new Snapshot(rs.getLong(1), longs(rs.getArray(2)))).single();
    }

    /**
     * The changes committed since {@code previous} was taken, with the snapshot that saw them, in one round
     * trip. Only rows of transactions that {@code previous} could not see are read (an index range scan at the
     * top of the xid index plus a lookup per transaction then in progress), so a long-running transaction
     * elsewhere in the cluster does not make every check re-read the rows it has already applied.
     */
    Changes changesSince(Snapshot previous) {
        Snapshot[] snapshot = {null};
        List<Change> changes = new ArrayList<>();
        // The function (V10) is the statement this used to send, planned once per connection.
        jdbc.sql("SELECT * FROM provider_changes_since(:xmax, CAST(:inProgress AS bigint[]))")
                .param("xmax", previous.xmax()).param("inProgress", previous.inProgress()).query(rs -> {
                    if (snapshot[0] == null) {
                        snapshot[0] = new Snapshot(rs.getLong(1), longs(rs.getArray(2)));
                    }
                    long id = rs.getLong(3);
                    if (!rs.wasNull()) {
                        changes.add(new Change(id, rs.getLong(4), rs.getLong(5), rs.getBoolean(6)));
                    }
                });
        return new Changes(snapshot[0], changes);
    }

    void pruneChangesOlderThan(Duration age) {
        jdbc.sql("DELETE FROM provider_change WHERE changed_at < now() - make_interval(secs => :seconds)")
                .param("seconds", (double) age.toSeconds()).update();
    }

    Set<String> traitNames() {
        return new HashSet<>(jdbc.sql("SELECT name FROM trait").query(String.class).list());
    }

    /** Every tree, in the caller's (repeatable-read) transaction. */
    Map<Long, ProviderTree> loadAllTrees() {
        return readTrees(jdbc.sql(ALL_TREES));
    }

    /**
     * The current trees of these providers plus the trees with these roots (where changed providers used to
     * be), in one statement, so each tree is read at one instant without a transaction around it. A root that
     * no longer exists is simply absent.
     */
    Map<Long, ProviderTree> loadTreesOf(Collection<Long> providerIds, Collection<Long> rootIds) {
        return readTrees(jdbc.sql(TREES_OF_CHANGES).param("providers", toArray(providerIds))
                .param("roots", toArray(rootIds)));
    }

    /**
     * What is allocated now of each inventory of these providers: provider id to class id to the sum, with an
     * entry (0 when nothing is allocated) for every inventory the provider has, none for a provider that has no
     * inventory or no longer exists. One statement, through the (provider, class) index of allocation.
     */
    Map<Long, Map<Integer, Long>> loadUsage(Collection<Long> providerIds) {
        Map<Long, Map<Integer, Long>> usage = new HashMap<>();
        // provider_usage (V10): the usage read, planned once per connection.
        jdbc.sql("SELECT * FROM provider_usage(CAST(:providers AS bigint[]))")
                .param("providers", toArray(providerIds)).query(rs -> {
                    usage.computeIfAbsent(rs.getLong(1), id -> new HashMap<>()).put(rs.getInt(2), rs.getLong(3));
                });
        return usage;
    }

    /**
     * One row per provider and inventory (a provider without inventory: one row of nulls), the provider's
     * traits and aggregates as arrays, and the usage of each inventory summed through the (provider, class)
     * index of allocation.
     */
    private static String treeSelect(String providerFilter) {
        return """
                SELECT p.id, p.uuid, p.name, p.parent_uuid, p.root_uuid, p.root_provider_id, p.traits, p.aggregates,
                       i.resource_class_id, i.total, i.reserved, i.min_unit, i.max_unit, i.step_size,
                       i.allocation_ratio, COALESCE(usage.used, 0)
                FROM (
                    SELECT rp.id, rp.uuid, rp.name, parent.uuid AS parent_uuid, root.uuid AS root_uuid, rp.root_provider_id,
                           ARRAY(SELECT t.name FROM provider_trait pt JOIN trait t ON t.id = pt.trait_id
                                 WHERE pt.resource_provider_id = rp.id) AS traits,
                           ARRAY(SELECT pa.aggregate_uuid FROM provider_aggregate pa
                                 WHERE pa.resource_provider_id = rp.id) AS aggregates
                    FROM resource_provider rp
                    JOIN resource_provider root ON root.id = rp.root_provider_id
                    LEFT JOIN resource_provider parent ON parent.id = rp.parent_provider_id
                """ + providerFilter + """
                ) p
                LEFT JOIN inventory i ON i.resource_provider_id = p.id
                """ + USAGE_OF_INVENTORY + """
                ORDER BY p.root_provider_id, p.id, i.resource_class_id
                """;
    }

    private static final String ALL_TREES = treeSelect("");

    private static final String TREES_OF_CHANGES = treeSelect("""
            WHERE rp.root_provider_id IN (
                SELECT changed.root_provider_id FROM resource_provider changed WHERE changed.id = ANY(:providers)
                UNION ALL
                SELECT unnest(CAST(:roots AS bigint[])))
            """);

    /** Rows come ordered by root, then provider, then class: each provider's rows are consecutive. */
    private static Map<Long, ProviderTree> readTrees(JdbcClient.StatementSpec statement) {
        record Head(long id, UUID uuid, String name, UUID parentUuid, UUID rootUuid, long rootId, Set<String> traits,
                Set<UUID> aggregates) {
        }
        Map<Long, List<IndexedProvider>> byRoot = new HashMap<>();
        Head[] head = {null};
        List<IndexedInventory> inventories = new ArrayList<>();
        Runnable finish = () -> {
            Head h = head[0];
            byRoot.computeIfAbsent(h.rootId(), id -> new ArrayList<>()).add(new IndexedProvider(h.id(), h.uuid(),
                    h.name(), h.parentUuid(), h.rootUuid(), h.rootId(), inventories.toArray(IndexedInventory[]::new), h.traits(),
                    h.aggregates()));
            inventories.clear();
        };
        statement.query(rs -> {
            long id = rs.getLong(1);
            if (head[0] == null || head[0].id() != id) {
                if (head[0] != null) {
                    finish.run();
                }
                head[0] = new Head(id, rs.getObject(2, UUID.class), rs.getString(3), rs.getObject(4, UUID.class),
                        rs.getObject(5, UUID.class), rs.getLong(6), Set.of((String[]) rs.getArray(7).getArray()),
                        Set.of((UUID[]) rs.getArray(8).getArray()));
            }
            int classId = rs.getInt(9);
            if (!rs.wasNull()) {
                inventories.add(new IndexedInventory(classId, rs.getInt(10), rs.getInt(11), rs.getInt(12),
                        rs.getInt(13), rs.getInt(14), rs.getDouble(15), rs.getLong(16)));
            }
        });
        if (head[0] != null) {
            finish.run();
        }
        Map<Long, ProviderTree> trees = new HashMap<>();
        byRoot.forEach((rootId, providers) -> trees.put(rootId, new ProviderTree(parentsFirst(rootId, providers))));
        return trees;
    }

    private static long[] toArray(Collection<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] longs(java.sql.Array array) throws java.sql.SQLException {
        Long[] boxed = (Long[]) array.getArray();
        long[] values = new long[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            values[i] = boxed[i];
        }
        return values;
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
