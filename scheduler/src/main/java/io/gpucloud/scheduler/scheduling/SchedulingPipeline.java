package io.gpucloud.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.compute.ResourceGroup;
import io.gpucloud.scheduler.candidate.AllocationCandidateRequest;
import io.gpucloud.scheduler.candidate.AllocationCandidates;
import io.gpucloud.scheduler.candidate.AllocationCandidatesResult;
import io.gpucloud.scheduler.candidate.AllocationCandidatesResult.AllocationRequest;
import io.gpucloud.scheduler.candidate.CandidateFilter;
import io.gpucloud.scheduler.candidate.HostView;
import io.gpucloud.scheduler.scheduling.GpuPicker.GpuAssignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * One scheduling pass: Placement candidates from the in-memory index (filters applied to each host before
 * it is searched, so the limit is filled with usable hosts), the GPUs chosen on each, and the hosts ranked by
 * the weighers. Claims are not made here.
 */
final class SchedulingPipeline {

    private final AllocationCandidates candidates;
    private final List<HostFilter> filters;
    private final List<HostWeigher> weighers;
    private final GpuPicker picker;
    private final int limit;

    SchedulingPipeline(AllocationCandidates candidates, List<HostFilter> filters, List<HostWeigher> weighers,
            GpuPicker picker, int limit) {
        this.candidates = requireNonNull(candidates, "candidates is null");
        this.filters = List.copyOf(filters);
        this.weighers = List.copyOf(weighers);
        this.picker = requireNonNull(picker, "picker is null");
        this.limit = limit;
    }

    static SchedulingPipeline standard(AllocationCandidates candidates, SchedulingProperties properties) {
        GpuPicker picker = new GpuPicker();
        List<HostFilter> filters = List.of(new RetryFilter(), new DifferentHostFilter(), new SameHostFilter(),
                new ServerGroupAffinityFilter(), new ServerGroupAntiAffinityFilter(), new GpuTopologyFilter(picker));
        List<HostWeigher> weighers = List.of(new GpuPackingWeigher(properties.gpuPackingMultiplier()),
                new GpuHostAvoidanceWeigher(properties.gpuHostAvoidanceMultiplier()),
                new NvlinkFragmentationWeigher(properties.fragmentationMultiplier()),
                new ServerGroupSoftWeigher(properties.softGroupMultiplier()));
        return new SchedulingPipeline(candidates, filters, weighers, picker, properties.candidateLimit());
    }

    List<HostFilter> filters() {
        return filters;
    }

    /** The usable hosts, best first; rejections are counted in {@code report}. */
    List<Candidate> run(SchedulingContext context, FilterReport report) {
        SchedulingRequest request = context.request();
        FilteringAdapter adapter = new FilteringAdapter(context, report);
        AllocationCandidateRequest query = PlacementQueries.of(request, OptionalInt.of(limit)).withFilter(adapter);
        AllocationCandidatesResult result = candidates.find(query);
        Map<UUID, Candidate> byHost = new LinkedHashMap<>();
        for (AllocationRequest allocation : result.allocationRequests()) {
            UUID root = result.providerSummaries().get(allocation.allocations().keySet().iterator().next()).rootUuid();
            HostView host = adapter.accepted.get(root);
            if (host == null || byHost.containsKey(root)) {
                continue;
            }
            Optional<GpuAssignment> gpus = picker.pick(host, request.resources());
            gpus.ifPresent(g -> byHost.put(root, new Candidate(host, g, withGpus(allocation, g, request), 0)));
        }
        return weigh(new ArrayList<>(byHost.values()), context);
    }

    /** Placement's allocation with its GPU groups moved to the devices the picker chose. */
    private static Map<UUID, Map<String, Integer>> withGpus(AllocationRequest allocation, GpuAssignment gpus,
            SchedulingRequest request) {
        Map<UUID, Map<String, Integer>> result = new LinkedHashMap<>();
        allocation.allocations().forEach((provider, amounts) -> result.put(provider, new LinkedHashMap<>(amounts)));
        for (ResourceGroup group : request.resources().groups()) {
            UUID chosen = gpus.providerBySuffix().get(group.suffix());
            List<UUID> mapped = allocation.mappings().get(group.suffix());
            if (chosen == null || mapped == null || mapped.isEmpty()) {
                continue;
            }
            UUID placed = mapped.get(0);
            group.resources().forEach((resourceClass, amount) -> {
                Map<String, Integer> from = result.get(placed);
                from.merge(resourceClass, -amount, Integer::sum);
                if (from.get(resourceClass) <= 0) {
                    from.remove(resourceClass);
                }
                result.computeIfAbsent(chosen, u -> new LinkedHashMap<>()).merge(resourceClass, amount, Integer::sum);
            });
        }
        result.values().removeIf(Map::isEmpty);
        return result;
    }

    private List<Candidate> weigh(List<Candidate> found, SchedulingContext context) {
        double[] total = new double[found.size()];
        for (HostWeigher weigher : weighers) {
            if (weigher.multiplier() == 0 || found.isEmpty()) {
                continue;
            }
            double[] raw = new double[found.size()];
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int i = 0; i < raw.length; i++) {
                raw[i] = weigher.raw(found.get(i), context);
                min = Math.min(min, raw[i]);
                max = Math.max(max, raw[i]);
            }
            for (int i = 0; i < raw.length; i++) {
                double normalized = max == min ? 0 : (raw[i] - min) / (max - min);
                total[i] += weigher.multiplier() * normalized;
            }
        }
        List<Candidate> weighed = new ArrayList<>(found.size());
        for (int i = 0; i < total.length; i++) {
            weighed.add(found.get(i).withWeight(total[i]));
        }
        // Stable sort: equal weights keep Placement's random spread order, so schedulers do not pile up.
        weighed.sort(Comparator.comparingDouble(Candidate::weight).reversed());
        return weighed;
    }

    /** Runs the filters on each host before Placement searches it, remembering the hosts let through. */
    private final class FilteringAdapter implements CandidateFilter {

        private final SchedulingContext context;
        private final FilterReport report;
        private final Map<UUID, HostView> accepted = new HashMap<>();

        FilteringAdapter(SchedulingContext context, FilterReport report) {
            this.context = context;
            this.report = report;
        }

        @Override
        public boolean acceptsHost(HostView host) {
            for (HostFilter filter : filters) {
                Verdict verdict = filter.test(host, context);
                if (verdict instanceof Verdict.Reject reject) {
                    report.rejected(filter, reject);
                    return false;
                }
            }
            accepted.put(host.rootUuid(), host);
            return true;
        }
    }
}
