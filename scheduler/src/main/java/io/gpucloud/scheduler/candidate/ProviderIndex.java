package io.gpucloud.scheduler.candidate;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every provider tree in memory, so that allocation candidates are found without per-request SQL.
 *
 * <p>PostgreSQL stays the source of truth. The index loads everything once, then, before each request
 * ({@link #refresh()}), reads the rows of the change log that triggers fill ({@code provider_change}) that
 * its last snapshot could not see (written by transactions then in progress or begun since), and reloads
 * only the trees whose providers changed (inventory, traits, aggregates, tree shape), all of them in one
 * statement; where only allocations changed (a claim or a release) it reads just those providers' usage: two
 * or three round trips when something changed, one when nothing did. Writes by this replica, by
 * other replicas and by hand are all found the same way.
 *
 * <p><b>Staleness bound.</b> With the default {@code refresh-interval} of 0, an answer reflects every
 * write committed before the request's own check began: read-your-writes across replicas, at the cost of
 * one indexed query per request (concurrent requests share a check that starts after they arrived). With a
 * positive interval, answers are at most that old. Candidates are advice either way: claims are checked
 * again in PostgreSQL with provider generations.
 *
 * <p>Readers see each tree atomically (trees are immutable and replaced whole); two trees may come from
 * different refreshes, which a request cannot tell apart from a write landing between two SQL reads.
 */
@Component
public class ProviderIndex {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderIndex.class);

    /** Beyond this many changed providers (a bulk registration, say) one full load is cheaper. */
    private static final int FULL_RELOAD_AFTER_CHANGES = 20_000;

    private final ProviderIndexRepository repository;
    private final TransactionTemplate snapshotReads;
    private final TransactionTemplate changeReads;
    private final CandidateIndexProperties properties;
    private final ReentrantLock refreshLock = new ReentrantLock();

    private final Map<Long, ProviderTree> treesByRoot = new ConcurrentHashMap<>();
    private final Map<Long, Long> rootByProviderId = new ConcurrentHashMap<>();
    private final Map<UUID, Long> rootByProviderUuid = new ConcurrentHashMap<>();
    private volatile Map<Integer, long[]> rootsByClass = Map.of();
    private volatile Set<String> traitNames = Set.of();

    // Guarded by refreshLock.
    private boolean loaded;
    private ProviderIndexRepository.Snapshot seen;
    private volatile long lastCheckStartedNanos = Long.MIN_VALUE;
    private long lastPruneNanos = System.nanoTime();

    public ProviderIndex(ProviderIndexRepository repository, PlatformTransactionManager transactions,
            CandidateIndexProperties properties) {
        this.repository = requireNonNull(repository, "repository is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.snapshotReads = new TransactionTemplate(requireNonNull(transactions, "transactions is null"));
        snapshotReads.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshotReads.setReadOnly(true);
        // Never the caller's transaction: a snapshot taken in a transaction that owns an xid does not list that
        // xid as in progress, so the caller's own writes would count as seen and never be read once committed
        // (and its uncommitted writes would be loaded as if they were). A fresh read-only transaction sees the
        // caller as in progress, like any other writer.
        snapshotReads.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        // The per-request check is outside the caller's transaction too, for the same reason, but in no
        // transaction at all: its statements need no common snapshot (see applyChanges), and autocommit spares the
        // BEGIN and COMMIT round trips on the hot path. (They share one connection for the duration.)
        this.changeReads = new TransactionTemplate(transactions);
        changeReads.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadAtStart() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // The first request tries again; the service must still start when the database is slow to.
            LOG.warn("Could not load the allocation-candidate index at start; the first request will", e);
        }
    }

    /**
     * Brings the index up to date with PostgreSQL: a full load the first time (or after a long pause), then
     * only the trees named in the change log. Requests that arrive while a check runs wait for the next
     * one, which starts after they arrived, so each answer honours the staleness bound above.
     */
    public void refresh() {
        long arrived = System.nanoTime();
        if (loaded && arrived - lastCheckStartedNanos < properties.refreshInterval().toNanos()) {
            return;
        }
        refreshLock.lock();
        try {
            if (loaded && lastCheckStartedNanos - arrived >= 0) {
                return;
            }
            long started = System.nanoTime();
            boolean tooLongSinceLastCheck = started - lastCheckStartedNanos > properties.changeRetention().toNanos() / 2;
            lastCheckStartedNanos = started;
            // A bulk change is loaded in full after the changes' transaction has ended, not nested inside it.
            if (!loaded || tooLongSinceLastCheck || !changeReads.execute(status -> applyChanges())) {
                loadEverything();
            }
            pruneChangeLogNowAndThen(started);
        } finally {
            refreshLock.unlock();
        }
    }

    /** Forgets everything and loads every tree again (tests, or an operator after a restore). */
    public void reload() {
        refreshLock.lock();
        try {
            lastCheckStartedNanos = System.nanoTime();
            loadEverything();
        } finally {
            refreshLock.unlock();
        }
    }

    private void loadEverything() {
        long startedNanos = System.nanoTime();
        snapshotReads.executeWithoutResult(status -> {
            ProviderIndexRepository.Snapshot snapshot = repository.snapshot();
            Map<Long, ProviderTree> trees = repository.loadAllTrees();
            Set<String> traits = repository.traitNames();
            treesByRoot.clear();
            rootByProviderId.clear();
            rootByProviderUuid.clear();
            trees.values().forEach(this::put);
            traitNames = Set.copyOf(traits);
            rootsByClass = indexByClass();
            seen = snapshot;
            loaded = true;
        });
        LOG.info("Loaded the allocation-candidate index: {} trees, {} providers in {} ms", treesByRoot.size(),
                rootByProviderId.size(), (System.nanoTime() - startedNanos) / 1_000_000);
    }

    /**
     * Brings the changed trees up to date: trees whose providers themselves changed (inventory, traits,
     * aggregates, tree shape) are reloaded whole; where only allocations changed, just the usage of those
     * providers is read and copied into their trees. The reads come in later statements than the changes, so
     * they may already hold writes committed in between; those writes are read again from the log next time
     * (the snapshot kept is the one the changes were read with) and applied again.
     *
     * @return false, having changed nothing, when so many providers changed that one full load is cheaper
     */
    private boolean applyChanges() {
        ProviderIndexRepository.Changes changes = repository.changesSince(seen);
        Set<Long> changedProviders = new HashSet<>();
        Set<Long> usageChanged = new HashSet<>();
        for (ProviderIndexRepository.Change change : changes.changes()) {
            (change.usageOnly() ? usageChanged : changedProviders).add(change.providerId());
        }
        usageChanged.removeAll(changedProviders);
        if (changedProviders.size() + usageChanged.size() > FULL_RELOAD_AFTER_CHANGES) {
            return false;
        }
        // Where changed providers were: a deleted or re-parented provider's old tree changed too.
        Set<Long> oldRoots = new HashSet<>();
        for (Long provider : changedProviders) {
            Long oldRoot = rootByProviderId.get(provider);
            if (oldRoot != null) {
                oldRoots.add(oldRoot);
            }
        }
        Map<Long, Set<Long>> usageByRoot = new HashMap<>();
        for (Long provider : usageChanged) {
            Long root = rootByProviderId.get(provider);
            if (root == null) {
                changedProviders.add(provider); // not indexed yet: its tree is loaded whole
            } else if (!oldRoots.contains(root)) {
                usageByRoot.computeIfAbsent(root, r -> new HashSet<>()).add(provider);
            }
        }
        if (!changedProviders.isEmpty()) {
            reloadTrees(changedProviders, oldRoots);
        }
        if (!usageByRoot.isEmpty()) {
            applyUsage(usageByRoot);
        }
        seen = changes.snapshot();
        return true;
    }

    private void reloadTrees(Set<Long> changedProviders, Set<Long> oldRoots) {
        Map<Long, ProviderTree> reloaded = repository.loadTreesOf(changedProviders, oldRoots);
        Set<Long> roots = new HashSet<>(oldRoots);
        roots.addAll(reloaded.keySet());
        replaceTrees(roots, reloaded);
        LOG.debug("Allocation-candidate index: {} changed providers, {} trees reloaded", changedProviders.size(),
                roots.size());
    }

    /** Copies the current usage of these providers (grouped by the root of their tree) into their trees. */
    private void applyUsage(Map<Long, Set<Long>> providersByRoot) {
        Set<Long> providers = new HashSet<>();
        providersByRoot.values().forEach(providers::addAll);
        Map<Long, Map<Integer, Long>> usage = repository.loadUsage(providers);
        Set<Long> inconsistent = new HashSet<>();
        providersByRoot.forEach((root, changed) -> {
            ProviderTree tree = treesByRoot.get(root);
            Map<Long, Map<Integer, Long>> treeUsage = new HashMap<>();
            changed.forEach(provider -> treeUsage.put(provider, usage.getOrDefault(provider, Map.of())));
            Optional<ProviderTree> updated = tree == null ? Optional.empty() : tree.withUsage(treeUsage);
            if (updated.isPresent()) {
                treesByRoot.put(root, updated.get());
            } else {
                inconsistent.add(root);
            }
        });
        if (!inconsistent.isEmpty()) {
            // Inventories changed under the usage read (their own log rows come next time): load them whole now.
            reloadTrees(Set.of(), inconsistent);
        }
    }

    private void replaceTrees(Set<Long> roots, Map<Long, ProviderTree> reloaded) {
        boolean classesChanged = false;
        for (Long root : roots) {
            ProviderTree old = treesByRoot.remove(root);
            if (old != null) {
                for (IndexedProvider provider : old.providers()) {
                    rootByProviderId.remove(provider.id(), root);
                    rootByProviderUuid.remove(provider.uuid(), root);
                }
                classesChanged |= !old.sameClassesAs(reloaded.get(root));
            } else {
                classesChanged = true;
            }
        }
        reloaded.values().forEach(this::put);
        if (classesChanged) {
            rootsByClass = indexByClass();
        }
    }

    private void put(ProviderTree tree) {
        treesByRoot.put(tree.rootId(), tree);
        for (IndexedProvider provider : tree.providers()) {
            rootByProviderId.put(provider.id(), tree.rootId());
            rootByProviderUuid.put(provider.uuid(), tree.rootId());
        }
    }

    /** For each class, the roots of the trees that have inventory of it, sorted, so requests walk only those. */
    private Map<Integer, long[]> indexByClass() {
        Map<Integer, List<Long>> roots = new HashMap<>();
        for (ProviderTree tree : treesByRoot.values()) {
            for (int classId : tree.classIds()) {
                roots.computeIfAbsent(classId, c -> new ArrayList<>()).add(tree.rootId());
            }
        }
        Map<Integer, long[]> byClass = new HashMap<>();
        roots.forEach((classId, ids) -> {
            long[] sorted = ids.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            byClass.put(classId, sorted);
        });
        return Map.copyOf(byClass);
    }

    private void pruneChangeLogNowAndThen(long now) {
        long every = properties.changeRetention().toNanos() / 10;
        if (now - lastPruneNanos > every) {
            lastPruneNanos = now;
            repository.pruneChangesOlderThan(properties.changeRetention());
        }
    }

    // Reads for the search; all lock-free.

    Optional<ProviderTree> tree(long rootId) {
        return Optional.ofNullable(treesByRoot.get(rootId));
    }

    /** The root id of the tree that holds the provider with this uuid. */
    Optional<Long> rootOf(UUID providerUuid) {
        return Optional.ofNullable(rootByProviderUuid.get(providerUuid));
    }

    /** Roots of trees with inventory of the class, sorted by id; empty when none. */
    long[] rootsWithClass(int classId) {
        return rootsByClass.getOrDefault(classId, new long[0]);
    }

    /** Whether a trait exists; traits are created rarely, so a miss reads the table again. */
    boolean traitExists(String name) {
        if (traitNames.contains(name)) {
            return true;
        }
        traitNames = Set.copyOf(repository.traitNames());
        return traitNames.contains(name);
    }

    int treeCount() {
        return treesByRoot.size();
    }

    Collection<ProviderTree> trees() {
        return treesByRoot.values();
    }
}
