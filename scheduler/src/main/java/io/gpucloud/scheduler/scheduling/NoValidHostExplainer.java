package io.gpucloud.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.compute.GpuTopology;
import io.gpucloud.common.compute.GpuTraits;
import io.gpucloud.common.compute.ResourceGroup;
import io.gpucloud.common.compute.ResourceRequest;
import io.gpucloud.scheduler.candidate.AllocationCandidateRequest;
import io.gpucloud.scheduler.candidate.AllocationCandidates;
import io.gpucloud.scheduler.candidate.CandidateFilter;
import io.gpucloud.scheduler.candidate.HostView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Says why no host fits, in words an operator or data scientist can act on, e.g. "no host in az1 has 2 free
 * A100-80GB on one NVLink domain: 12 hosts have A100-80GB, 3 with 2 free, 0 on one NVLink domain".
 *
 * <p>It narrows the pool stage by stage (only on the failure path, so the extra index walks cost nothing on
 * success) and reports the first stage that leaves no host: hosts with the GPU kind at all; hosts that could
 * hold the whole request if empty; hosts with it free now; hosts where the GPUs sit together as asked; and
 * last the filters' own rejections (server groups, hints, hosts already tried). Where the first two stages find
 * nothing among hosts in service, it counts the hosts out of service (down: no heartbeat; disabled by an operator)
 * that would have passed, since "no host is big enough" is wrong advice when the hosts that would fit are merely down.
 */
final class NoValidHostExplainer {

    private final AllocationCandidates candidates;
    private final GpuPicker picker;

    NoValidHostExplainer(AllocationCandidates candidates, GpuPicker picker) {
        this.candidates = requireNonNull(candidates, "candidates is null");
        this.picker = requireNonNull(picker, "picker is null");
    }

    String explain(SchedulingContext context, FilterReport report) {
        SchedulingRequest request = context.request();
        ResourceRequest resources = request.resources();
        List<ResourceGroup> gpuGroups = resources.groups().stream()
                .filter(g -> resources.gpuGroupSuffixes().contains(g.suffix())).toList();
        List<ResourceGroup> hostGroups = resources.groups().stream()
                .filter(g -> !resources.gpuGroupSuffixes().contains(g.suffix()) && !g.resources().isEmpty()).toList();
        String where = Describe.where(request);
        if (gpuGroups.isEmpty()) {
            return explainWithoutGpus(request, hostGroups, where, report);
        }
        String gpus = Describe.gpus(resources, gpuGroups);
        String kind = Describe.gpuKind(gpuGroups.get(0));
        boolean together = resources.gpuTopology() != GpuTopology.ANY && resources.gpuCount() > 1;
        String headline = "no host" + where + " has " + gpus.replaceFirst(" ", " free ")
                + (together ? " on one " + Describe.topology(resources.gpuTopology()) : "");

        AllocationCandidateRequest kindQuery =
                PlacementQueries.of(request, List.of(gpuGroups.get(0)), OptionalInt.empty()).ignoringUsage();
        int withKind = count(kindQuery);
        if (withKind == 0) {
            Optional<OutOfService> left = outOfService(kindQuery);
            return "no host" + where + (left.isPresent() ? " that is in service" : "") + " has " + kindPlural(kind)
                    + left.map(hosts -> hosts.describe("has them", "have them")).orElse("");
        }
        String counts = ": " + Describe.hosts(withKind) + " ha" + (withKind == 1 ? "s " : "ve ") + kind;
        AllocationCandidateRequest sizeQuery =
                PlacementQueries.of(request, gpuGroups, OptionalInt.empty()).ignoringUsage();
        int couldHold = count(sizeQuery);
        if (couldHold == 0) {
            return headline + counts + ", none has " + gpus + " in all"
                    + outOfService(sizeQuery).map(hosts -> hosts.describe("has that many", "have that many"))
                    .orElse("");
        }
        int gpusFree = count(PlacementQueries.of(request, gpuGroups, OptionalInt.empty()));
        if (gpusFree == 0) {
            return headline + counts + ", 0 with " + gpus.split(" ")[0] + " free";
        }
        counts += ", " + gpusFree + " with " + gpus.split(" ")[0] + " free";
        int allFree = count(PlacementQueries.of(request, OptionalInt.empty()));
        if (allFree == 0) {
            return headline + " and " + Describe.hostResources(hostGroups) + counts + ", 0 of them with "
                    + Describe.hostResources(hostGroups) + " free too";
        }
        if (together) {
            int placedTogether = count(PlacementQueries.of(request, OptionalInt.empty())
                    .withFilter(new TopologyOnly(request, picker)));
            if (placedTogether == 0) {
                return headline + counts + ", 0 on one " + Describe.topology(resources.gpuTopology());
            }
            counts += ", " + placedTogether + " on one " + Describe.topology(resources.gpuTopology());
        }
        return headline + " that the placement rules allow" + counts + turnedAway(report);
    }

    private String explainWithoutGpus(SchedulingRequest request, List<ResourceGroup> hostGroups, String where,
            FilterReport report) {
        String wanted = Describe.hostResources(hostGroups);
        AllocationCandidateRequest sizeQuery = PlacementQueries.of(request, OptionalInt.empty()).ignoringUsage();
        int couldHold = count(sizeQuery);
        if (couldHold == 0) {
            Optional<OutOfService> left = outOfService(sizeQuery);
            return "no host" + where + (left.isPresent() ? " that is in service" : "") + " is big enough for "
                    + wanted + left.map(hosts -> hosts.describe("is", "are")).orElse("");
        }
        int free = count(PlacementQueries.of(request, OptionalInt.empty()));
        if (free == 0) {
            return "no host" + where + " has " + wanted + " free: " + Describe.hosts(couldHold)
                    + " could hold it, none has room now";
        }
        return "no host" + where + " with " + wanted + " free is allowed by the placement rules: "
                + Describe.hosts(free) + " have room" + turnedAway(report);
    }

    /** What the filters refused; nothing means the hosts that fitted were all claimed by others meanwhile. */
    private static String turnedAway(FilterReport report) {
        String refused = report.describe();
        return refused.isEmpty() ? "; those that fitted were taken by concurrent requests meanwhile"
                : "; turned away: " + refused;
    }

    /** Hosts the query leaves out only because they are down or disabled, and which of the two. */
    private record OutOfService(int hosts, int down, int disabled) {
        /** E.g. "; of the hosts out of service, 2 hosts have them: 1 down (…), 1 disabled by an operator". */
        String describe(String verbOne, String verbMany) {
            List<String> states = new ArrayList<>();
            if (down > 0) {
                states.add(down + " down (no heartbeat from the compute agent)");
            }
            if (disabled > 0) {
                states.add(disabled + " disabled by an operator");
            }
            return "; of the hosts out of service, " + Describe.hosts(hosts) + " " + (hosts == 1 ? verbOne : verbMany)
                    + ": " + String.join(", ", states);
        }
    }

    /** The query asked again with hosts out of service counted: something only when that finds hosts. */
    private Optional<OutOfService> outOfService(AllocationCandidateRequest query) {
        int all = count(query.withRootForbidden(Set.of()));
        if (all == 0) {
            return Optional.empty();
        }
        int down = all - count(query.withRootForbidden(Set.of(GpuTraits.HOST_DOWN)));
        int disabled = all - count(query.withRootForbidden(Set.of(GpuTraits.COMPUTE_STATUS_DISABLED)));
        return Optional.of(new OutOfService(all, down, disabled));
    }

    private static String kindPlural(String kind) {
        return kind.equals("GPU") ? "GPUs" : kind + " GPUs";
    }

    private int count(AllocationCandidateRequest query) {
        return candidates.countHosts(query);
    }

    /** Only the GPU topology rule: whether the free GPUs of a host sit together as asked. */
    private record TopologyOnly(SchedulingRequest request, GpuPicker picker) implements CandidateFilter {
        @Override
        public boolean acceptsHost(HostView host) {
            return picker.pick(host, request.resources()).isPresent();
        }
    }
}
