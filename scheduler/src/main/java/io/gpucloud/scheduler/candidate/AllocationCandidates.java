package io.gpucloud.scheduler.candidate;

import static java.util.Objects.requireNonNull;

import io.gpucloud.scheduler.api.PlacementErrorCode;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.candidate.AllocationCandidatesResult.AllocationRequest;
import io.gpucloud.scheduler.candidate.AllocationCandidatesResult.ProviderSummary;
import io.gpucloud.scheduler.candidate.AllocationCandidatesResult.ResourceSummary;
import io.gpucloud.scheduler.resourceclass.ResourceClassRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Finds allocation candidates from the in-memory {@link ProviderIndex}; the HTTP handler and the scheduler
 * worker both call {@link #find}.
 *
 * <p>Steps: bring the index up to date; translate names (unknown class or trait: 400); pick the trees to
 * walk, which are the in_tree tree if one is named, else the trees holding the requested class that the
 * fewest trees have; evaluate each tree on its own ({@link TreeSearch}); build summaries for the trees used.
 *
 * <p>With a limit, the walk starts at a random tree and stops once {@code limit} trees have answered, and
 * the answer takes one candidate per tree in turn: concurrent schedulers spread over different hosts
 * instead of all chasing the first one, and alternates are on different hosts. Without a limit every
 * tree is walked in root-id order (up to {@link CandidateIndexProperties#maxAllocationRequests()}).
 *
 * <p>Not supported: sharing providers (MISC_SHARES_VIA_AGGREGATE); every candidate lies in one tree.
 */
@Service
public class AllocationCandidates {

    private static final Logger LOG = LoggerFactory.getLogger(AllocationCandidates.class);

    private final ProviderIndex index;
    private final ResourceClassRegistry resourceClasses;
    private final CandidateIndexProperties properties;

    public AllocationCandidates(ProviderIndex index, ResourceClassRegistry resourceClasses,
            CandidateIndexProperties properties) {
        this.index = requireNonNull(index, "index is null");
        this.resourceClasses = requireNonNull(resourceClasses, "resourceClasses is null");
        this.properties = requireNonNull(properties, "properties is null");
    }

    /**
     * @throws PlacementException 400 {@code placement.query.bad_value} for an unknown resource class or trait,
     *                            or a same_subtree naming no group
     */
    public AllocationCandidatesResult find(AllocationCandidateRequest request) {
        index.refresh();
        CompiledGroup[] groups = compile(request.groups());
        int[][] sameSubtrees = sameSubtreePositions(request, groups);
        request.rootRequired().forEach(this::requireTrait);
        request.rootForbidden().forEach(this::requireTrait);

        Optional<long[]> roots = treesToWalk(request.groups(), groups);
        if (roots.isEmpty()) {
            return AllocationCandidatesResult.EMPTY;
        }
        List<Answer> answers = request.limit().isPresent()
                ? walkSpread(roots.get(), request, groups, sameSubtrees, request.limit().getAsInt())
                : walkAll(roots.get(), request, groups, sameSubtrees);
        LOG.debug("allocation candidates: {} trees walked of {}, {} answered", roots.get().length, index.treeCount(),
                answers.size());
        return assemble(answers, request);
    }

    private record Answer(ProviderTree tree, List<AllocationRequest> requests) {
    }

    private List<Answer> walkAll(long[] roots, AllocationCandidateRequest request, CompiledGroup[] groups,
            int[][] sameSubtrees) {
        List<Answer> answers = new ArrayList<>();
        int budget = properties.maxAllocationRequests();
        for (long root : roots) {
            if (budget <= 0) {
                LOG.warn("allocation candidates cut at {} allocation requests; ask with a limit",
                        properties.maxAllocationRequests());
                break;
            }
            Optional<ProviderTree> tree = index.tree(root).filter(t -> rootTraitsMatch(t, request));
            if (tree.isPresent()) {
                int remaining = budget;
                List<AllocationRequest> found = search(tree.get(), request, groups, sameSubtrees)
                        .map(s -> s.find(remaining)).orElse(List.of());
                if (!found.isEmpty()) {
                    answers.add(new Answer(tree.get(), found));
                    budget -= found.size();
                }
            }
        }
        return answers;
    }

    /** A stride in [1, n) sharing no factor with n (1 when n is 1 or 2 or no such stride is drawn quickly). */
    static long randomCoprimeStride(int n) {
        for (int attempt = 0; n > 2 && attempt < 16; attempt++) {
            long candidate = 1 + ThreadLocalRandom.current().nextInt(n - 1);
            if (java.math.BigInteger.valueOf(candidate).gcd(java.math.BigInteger.valueOf(n)).intValue() == 1) {
                return candidate;
            }
        }
        return 1;
    }

    /** First one candidate from each of up to {@code limit} trees, from a random start; more per tree if few. */
    private List<Answer> walkSpread(long[] roots, AllocationCandidateRequest request, CompiledGroup[] groups,
            int[][] sameSubtrees, int limit) {
        List<Answer> answers = new ArrayList<>();
        // A random start AND a random stride (coprime with the count, so every tree is still visited once):
        // with a stride of 1, full hosts form runs in index order and every walk that starts inside a run ends
        // at the same first free host after it, so concurrent schedulers would pile onto the same hosts.
        int start = ThreadLocalRandom.current().nextInt(roots.length);
        long stride = randomCoprimeStride(roots.length);
        for (int i = 0; i < roots.length && answers.size() < limit; i++) {
            Optional<ProviderTree> tree = index.tree(roots[(int) ((start + i * stride) % roots.length)])
                    .filter(t -> rootTraitsMatch(t, request));
            if (tree.isPresent()) {
                List<AllocationRequest> first = search(tree.get(), request, groups, sameSubtrees)
                        .map(s -> s.find(1)).orElse(List.of());
                if (!first.isEmpty()) {
                    answers.add(new Answer(tree.get(), first));
                }
            }
        }
        if (answers.size() < limit) {
            // Fewer trees than the limit: let each offer more, then take them in turn.
            answers.replaceAll(a -> new Answer(a.tree(), search(a.tree(), request, groups, sameSubtrees)
                    .map(s -> s.find(limit)).orElse(a.requests())));
        }
        List<List<AllocationRequest>> taken = new ArrayList<>();
        answers.forEach(a -> taken.add(new ArrayList<>()));
        int total = 0;
        for (int round = 0; total < limit; round++) {
            boolean any = false;
            for (int t = 0; t < answers.size() && total < limit; t++) {
                if (round < answers.get(t).requests().size()) {
                    taken.get(t).add(answers.get(t).requests().get(round));
                    total++;
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        // Emit round by round so that the order of allocation_requests alternates between trees too.
        List<Answer> interleaved = new ArrayList<>();
        for (int round = 0; ; round++) {
            boolean any = false;
            for (int t = 0; t < answers.size(); t++) {
                if (round < taken.get(t).size()) {
                    interleaved.add(new Answer(answers.get(t).tree(), List.of(taken.get(t).get(round))));
                    any = true;
                }
            }
            if (!any) {
                return interleaved;
            }
        }
    }

    /** The search of one tree; empty when the request's filter turns the host away. */
    private Optional<TreeSearch> search(ProviderTree tree, AllocationCandidateRequest request, CompiledGroup[] groups,
            int[][] sameSubtrees) {
        CandidateFilter filter = request.filter();
        if (filter == CandidateFilter.ACCEPT_ALL && !request.ignoreUsage()) {
            return Optional.of(new TreeSearch(tree, groups, request.isolate(), sameSubtrees, request.nestedAware(),
                    resourceClasses::nameOf));
        }
        HostView host = new TreeHostView(tree, resourceClasses::nameOf);
        if (!filter.acceptsHost(host)) {
            return Optional.empty();
        }
        return Optional.of(new TreeSearch(tree, groups, request.isolate(), sameSubtrees, request.nestedAware(),
                resourceClasses::nameOf, filter, host, request.ignoreUsage()));
    }

    /**
     * How many hosts could answer the request (at most one allocation request each is computed): the
     * scheduler's way to explain an empty answer stage by stage.
     */
    public int countHosts(AllocationCandidateRequest request) {
        index.refresh();
        CompiledGroup[] groups = compile(request.groups());
        int[][] sameSubtrees = sameSubtreePositions(request, groups);
        Optional<long[]> roots = treesToWalk(request.groups(), groups);
        if (roots.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (long root : roots.get()) {
            Optional<ProviderTree> tree = index.tree(root).filter(t -> rootTraitsMatch(t, request));
            if (tree.isPresent() && search(tree.get(), request, groups, sameSubtrees)
                    .map(s -> !s.find(1).isEmpty()).orElse(false)) {
                count++;
            }
        }
        return count;
    }

    /** A view of the host with this root provider, if the index knows it. */
    public Optional<HostView> host(UUID rootUuid) {
        index.refresh();
        return index.rootOf(rootUuid).flatMap(index::tree)
                .map(tree -> (HostView) new TreeHostView(tree, resourceClasses::nameOf));
    }

    private static boolean rootTraitsMatch(ProviderTree tree, AllocationCandidateRequest request) {
        Set<String> traits = tree.root().traits();
        return traits.containsAll(request.rootRequired())
                && request.rootForbidden().stream().noneMatch(traits::contains);
    }

    /**
     * The roots of the trees worth walking: the one tree that in_tree names (empty when it names an unknown
     * provider, or groups name different trees), else the trees that have the requested class fewest have.
     */
    private Optional<long[]> treesToWalk(List<RequestGroup> requested, CompiledGroup[] groups) {
        Set<Long> inTreeRoots = new HashSet<>();
        for (RequestGroup group : requested) {
            if (group.inTree().isPresent()) {
                Optional<Long> root = index.rootOf(group.inTree().get());
                if (root.isEmpty()) {
                    return Optional.empty();
                }
                inTreeRoots.add(root.get());
            }
        }
        if (inTreeRoots.size() > 1) {
            return Optional.empty();
        }
        if (inTreeRoots.size() == 1) {
            return Optional.of(new long[] {inTreeRoots.iterator().next()});
        }
        long[] narrowest = null;
        for (CompiledGroup group : groups) {
            for (int classId : group.classIds()) {
                long[] roots = index.rootsWithClass(classId);
                if (narrowest == null || roots.length < narrowest.length) {
                    narrowest = roots;
                }
            }
        }
        return narrowest == null || narrowest.length == 0 ? Optional.empty() : Optional.of(narrowest);
    }

    private AllocationCandidatesResult assemble(List<Answer> answers, AllocationCandidateRequest request) {
        List<AllocationRequest> requests = new ArrayList<>();
        Map<UUID, ProviderSummary> summaries = new LinkedHashMap<>();
        for (Answer answer : answers) {
            requests.addAll(answer.requests());
            for (IndexedProvider provider : answer.tree().providers()) {
                if (!summaries.containsKey(provider.uuid()) && (request.nestedAware()
                        || answer.requests().stream().anyMatch(r -> r.allocations().containsKey(provider.uuid())))) {
                    summaries.put(provider.uuid(), summarize(provider));
                }
            }
        }
        return new AllocationCandidatesResult(List.copyOf(requests), summaries);
    }

    private ProviderSummary summarize(IndexedProvider provider) {
        Map<String, ResourceSummary> resources = new LinkedHashMap<>();
        for (IndexedInventory inventory : provider.inventories()) {
            resources.put(resourceClasses.nameOf(inventory.classId()),
                    new ResourceSummary(inventory.capacity(), inventory.used()));
        }
        return new ProviderSummary(provider.uuid(), provider.parentUuid(), provider.rootUuid(), resources,
                new TreeSet<>(provider.traits()));
    }

    /** Names to ids; the unsuffixed group first, then granular groups by suffix. */
    private CompiledGroup[] compile(List<RequestGroup> requested) {
        if (requested.stream().allMatch(g -> g.resources().isEmpty())) {
            throw badValue("At least one request group must ask for resources.");
        }
        return requested.stream()
                .sorted(Comparator.comparing((RequestGroup g) -> g.isGranular()).thenComparing(RequestGroup::suffix))
                .map(this::compile)
                .toArray(CompiledGroup[]::new);
    }

    private CompiledGroup compile(RequestGroup group) {
        int[] classIds = new int[group.resources().size()];
        int[] amounts = new int[classIds.length];
        int k = 0;
        for (Map.Entry<String, Integer> resource : group.resources().entrySet()) {
            classIds[k] = resourceClasses.find(resource.getKey()).orElseThrow(() ->
                    badValue("Invalid resource class in resources parameter: " + resource.getKey() + "."));
            if (resource.getValue() == null || resource.getValue() < 1) {
                throw badValue("Requested amount of " + resource.getKey() + " must be a positive integer.");
            }
            amounts[k++] = resource.getValue();
        }
        group.requiredTraits().forEach(anyOf -> anyOf.forEach(this::requireTrait));
        group.forbiddenTraits().forEach(this::requireTrait);
        return new CompiledGroup(group.suffix(), classIds, amounts, group.requiredTraits(), group.forbiddenTraits(),
                group.memberOf(), group.forbiddenAggregates());
    }

    private int[][] sameSubtreePositions(AllocationCandidateRequest request, CompiledGroup[] groups) {
        int[][] positions = new int[request.sameSubtrees().size()][];
        int s = 0;
        for (Set<String> suffixes : request.sameSubtrees()) {
            List<Integer> found = new ArrayList<>();
            for (String suffix : new TreeSet<>(suffixes)) {
                int position = -1;
                for (int g = 0; g < groups.length; g++) {
                    if (groups[g].suffix().equals(suffix)) {
                        position = g;
                    }
                }
                if (position < 0) {
                    throw badValue("No such request group suffix in same_subtree: " + suffix + ".");
                }
                found.add(position);
            }
            positions[s++] = found.stream().mapToInt(Integer::intValue).toArray();
        }
        return positions;
    }

    private void requireTrait(String name) {
        if (!index.traitExists(name)) {
            throw badValue("No such trait(s): " + name + ".");
        }
    }

    private static PlacementException badValue(String message) {
        return new PlacementException(400, PlacementErrorCode.QUERY_BAD_VALUE, message);
    }
}
