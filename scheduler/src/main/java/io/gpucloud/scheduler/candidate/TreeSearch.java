package io.gpucloud.scheduler.candidate;

import io.gpucloud.scheduler.candidate.AllocationCandidatesResult.AllocationRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The allocation requests one provider tree offers for a whole request. Small and exhaustive: a tree has a
 * handful of providers, so each group's options are listed, then combined depth-first, pruning as soon as
 * the groups chosen so far exceed an inventory or break group_policy=isolate.
 *
 * <pre>
 *        host (VCPU, MEMORY_MB)          resources=VCPU:8,MEMORY_MB:65536      -> options: [host]
 *       /    |     ...     \             resources1=PGPU:1&required1=A100       -> options: [gpu0, gpu1, ...]
 *    gpu0  gpu1  ...  gpu7 (PGPU:1)      resources2=PGPU:1&required2=A100       -> options: [gpu0, gpu1, ...]
 *                                        group_policy=isolate                   -> (gpu0,gpu1), (gpu0,gpu2), ...
 * </pre>
 *
 * Not thread-safe: one instance per tree per request.
 */
final class TreeSearch {

    /** One way to satisfy one group: which provider gives each of its classes, and at which slot. */
    private record Choice(int[] providers, int[] slots, int[] mapped) {
    }

    private final ProviderTree tree;
    private final CompiledGroup[] groups;
    private final boolean isolate;
    private final int[][] sameSubtrees;
    private final boolean nestedAware;
    private final IntFunction<String> className;
    private final CandidateFilter filter;
    private final HostView host;
    private final boolean ignoreUsage;

    private final long[] added;
    private final int[] granularUses;
    private final Choice[] chosen;
    private final List<AllocationRequest> found = new ArrayList<>();
    private int cap;

    /**
     * @param groups       the unsuffixed group first (if any), then the granular ones
     * @param sameSubtrees each entry lists positions in {@code groups}
     */
    TreeSearch(ProviderTree tree, CompiledGroup[] groups, boolean isolate, int[][] sameSubtrees, boolean nestedAware,
            IntFunction<String> className) {
        this(tree, groups, isolate, sameSubtrees, nestedAware, className, CandidateFilter.ACCEPT_ALL, null, false);
    }

    /**
     * @param filter      drops allocation requests before they count towards {@code max}
     * @param host        the view of this tree handed to the filter
     * @param ignoreUsage check amounts against capacity only, as if nothing were allocated
     */
    TreeSearch(ProviderTree tree, CompiledGroup[] groups, boolean isolate, int[][] sameSubtrees, boolean nestedAware,
            IntFunction<String> className, CandidateFilter filter, HostView host, boolean ignoreUsage) {
        this.filter = filter;
        this.host = host;
        this.ignoreUsage = ignoreUsage;
        this.tree = tree;
        this.groups = groups;
        this.isolate = isolate;
        this.sameSubtrees = sameSubtrees;
        this.nestedAware = nestedAware;
        this.className = className;
        this.added = new long[tree.slotCount()];
        this.granularUses = new int[tree.size()];
        this.chosen = new Choice[groups.length];
    }

    /** Up to {@code max} allocation requests from this tree, in a stable order. */
    List<AllocationRequest> find(int max) {
        this.cap = max;
        List<List<Choice>> options = new ArrayList<>(groups.length);
        for (CompiledGroup group : groups) {
            List<Choice> groupOptions = group.granular() ? singleProviderOptions(group) : treeWideOptions(group);
            if (groupOptions.isEmpty()) {
                return List.of();
            }
            options.add(groupOptions);
        }
        combine(0, options);
        return found;
    }

    /** The providers that alone satisfy a granular group: its resources, its traits, its aggregates. */
    private List<Choice> singleProviderOptions(CompiledGroup group) {
        List<Choice> options = new ArrayList<>();
        IndexedProvider root = tree.root();
        providers:
        for (int p = 0; p < tree.size(); p++) {
            IndexedProvider provider = tree.provider(p);
            if (!group.traitsSatisfiedBy(provider.traits()) || !group.aggregatesSatisfiedBy(provider, root)) {
                continue;
            }
            int[] slots = new int[group.classIds().length];
            for (int k = 0; k < slots.length; k++) {
                int inventory = provider.inventoryIndex(group.classIds()[k]);
                if (inventory < 0 || !fits(provider.inventories()[inventory], group.amounts()[k])) {
                    continue providers;
                }
                slots[k] = tree.slot(p, inventory);
            }
            int[] providers = new int[slots.length];
            java.util.Arrays.fill(providers, p);
            options.add(new Choice(providers, slots, new int[] {p}));
        }
        return options;
    }

    /**
     * The unsuffixed group: each class from any provider of the tree that fits it, lacks forbidden traits and
     * passes the aggregate rule; the providers chosen must together have the required traits.
     */
    private List<Choice> treeWideOptions(CompiledGroup group) {
        int classes = group.classIds().length;
        IndexedProvider root = tree.root();
        List<List<int[]>> perClass = new ArrayList<>(classes); // each entry: {provider, slot}
        for (int k = 0; k < classes; k++) {
            List<int[]> providers = new ArrayList<>();
            for (int p = 0; p < tree.size(); p++) {
                IndexedProvider provider = tree.provider(p);
                int inventory = provider.inventoryIndex(group.classIds()[k]);
                if (inventory >= 0 && fits(provider.inventories()[inventory], group.amounts()[k])
                        && group.hasNoForbidden(provider.traits()) && group.aggregatesSatisfiedBy(provider, root)) {
                    providers.add(new int[] {p, tree.slot(p, inventory)});
                }
            }
            if (providers.isEmpty()) {
                return List.of();
            }
            perClass.add(providers);
        }
        List<Choice> options = new ArrayList<>();
        productOf(perClass, 0, new int[classes], new int[classes], group, options);
        return options;
    }

    private void productOf(List<List<int[]>> perClass, int k, int[] providers, int[] slots, CompiledGroup group,
            List<Choice> options) {
        if (k == perClass.size()) {
            int[] mapped = java.util.Arrays.stream(providers).distinct().sorted().toArray();
            // Before 1.29 a candidate may use one provider per tree; skip the others before combining.
            if (!nestedAware && mapped.length > 1) {
                return;
            }
            java.util.Set<String> traits = new java.util.HashSet<>();
            for (int p : mapped) {
                traits.addAll(tree.provider(p).traits());
            }
            if (group.requiredSatisfiedBy(traits)) {
                options.add(new Choice(providers.clone(), slots.clone(), mapped));
            }
            return;
        }
        for (int[] option : perClass.get(k)) {
            providers[k] = option[0];
            slots[k] = option[1];
            productOf(perClass, k + 1, providers, slots, group, options);
        }
    }

    /** Depth-first over the groups' options; prunes on capacity and isolation as soon as they break. */
    private void combine(int g, List<List<Choice>> options) {
        if (g == groups.length) {
            if (satisfiesSameSubtree() && (nestedAware || providersWithAllocations() <= 1)) {
                AllocationRequest request = toAllocationRequest();
                if (filter == CandidateFilter.ACCEPT_ALL || filter.accepts(host, request)) {
                    found.add(request);
                }
            }
            return;
        }
        CompiledGroup group = groups[g];
        for (Choice choice : options.get(g)) {
            if (isolate && group.granular() && granularUses[choice.mapped()[0]] > 0) {
                continue;
            }
            if (take(group, choice)) {
                if (group.granular()) {
                    granularUses[choice.mapped()[0]]++;
                }
                chosen[g] = choice;
                combine(g + 1, options);
                if (group.granular()) {
                    granularUses[choice.mapped()[0]]--;
                }
            }
            giveBack(group, choice);
            if (found.size() >= cap) {
                return;
            }
        }
    }

    /** Adds the group's amounts; false when the total on some inventory now exceeds capacity or max_unit. */
    private boolean take(CompiledGroup group, Choice choice) {
        boolean fits = true;
        for (int k = 0; k < choice.slots().length; k++) {
            int slot = choice.slots()[k];
            added[slot] += group.amounts()[k];
            IndexedInventory inventory = inventoryAtSlot(choice.providers()[k], slot);
            if (usedOf(inventory) + added[slot] > inventory.capacity() || added[slot] > inventory.maxUnit()) {
                fits = false;
            }
        }
        return fits;
    }

    private boolean fits(IndexedInventory inventory, int amount) {
        return ignoreUsage ? inventory.fitsEmpty(amount) : inventory.fits(amount);
    }

    private long usedOf(IndexedInventory inventory) {
        return ignoreUsage ? 0 : inventory.used();
    }

    private void giveBack(CompiledGroup group, Choice choice) {
        for (int k = 0; k < choice.slots().length; k++) {
            added[choice.slots()[k]] -= group.amounts()[k];
        }
    }

    private IndexedInventory inventoryAtSlot(int provider, int slot) {
        return tree.inventoryAt(provider, slot - tree.slot(provider, 0));
    }

    /** Placement's rule: the providers of the listed groups all sit under one of them. */
    private boolean satisfiesSameSubtree() {
        for (int[] groupPositions : sameSubtrees) {
            java.util.Set<Integer> providers = new java.util.TreeSet<>();
            for (int position : groupPositions) {
                for (int p : chosen[position].mapped()) {
                    providers.add(p);
                }
            }
            boolean rooted = false;
            for (int candidateTop : providers) {
                boolean coversAll = true;
                for (int other : providers) {
                    coversAll &= tree.isAncestorOrSelf(candidateTop, other);
                }
                rooted |= coversAll;
            }
            if (!rooted) {
                return false;
            }
        }
        return true;
    }

    private int providersWithAllocations() {
        int count = 0;
        for (int p = 0; p < tree.size(); p++) {
            for (int i = 0; i < tree.provider(p).inventories().length; i++) {
                if (added[tree.slot(p, i)] > 0) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    private AllocationRequest toAllocationRequest() {
        Map<UUID, Map<String, Integer>> allocations = new LinkedHashMap<>();
        for (int p = 0; p < tree.size(); p++) {
            IndexedProvider provider = tree.provider(p);
            for (int i = 0; i < provider.inventories().length; i++) {
                long amount = added[tree.slot(p, i)];
                if (amount > 0) {
                    allocations.computeIfAbsent(provider.uuid(), u -> new LinkedHashMap<>())
                            .put(className.apply(provider.inventories()[i].classId()), (int) amount);
                }
            }
        }
        Map<String, List<UUID>> mappings = new LinkedHashMap<>();
        for (int g = 0; g < groups.length; g++) {
            List<UUID> providers = new ArrayList<>(chosen[g].mapped().length);
            for (int p : chosen[g].mapped()) {
                providers.add(tree.provider(p).uuid());
            }
            mappings.put(groups[g].suffix(), providers);
        }
        return new AllocationRequest(allocations, mappings);
    }
}
