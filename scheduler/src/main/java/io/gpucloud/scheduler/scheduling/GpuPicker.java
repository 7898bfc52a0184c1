package io.gpucloud.scheduler.scheduling;

import io.gpucloud.common.compute.FlavorResources;
import io.gpucloud.common.compute.GpuTopology;
import io.gpucloud.common.compute.GpuTraits;
import io.gpucloud.common.compute.GroupPolicy;
import io.gpucloud.common.compute.ResourceGroup;
import io.gpucloud.common.compute.ResourceRequest;
import io.gpucloud.scheduler.candidate.HostView;
import io.gpucloud.scheduler.candidate.HostView.Capacity;
import io.gpucloud.scheduler.candidate.HostView.ProviderView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Chooses which GPUs of a host an instance gets. Placement proves a host has room; this decides the devices,
 * because "which two of the eight" matters: they must share an NVLink domain (or NUMA node) when the flavor
 * says so, and even when it does not, taking them from the fullest domain that still fits (best fit) keeps
 * whole NVLink domains free for the next big job.
 *
 * <p>Domains are read from traits ({@link GpuTraits#NVLINK_DOMAIN_PREFIX}, {@link GpuTraits#NUMA_NODE_PREFIX})
 * or, for NUMA, from a GPU's parent when it hangs under a NUMA provider. A GPU without an NVLink trait is a
 * domain of its own.
 */
final class GpuPicker {

    /**
     * The devices chosen for each GPU request group.
     *
     * @param providerBySuffix   request group suffix → GPU provider
     * @param wholeDomainsBroken NVLink domains that were entirely free before and are not after
     * @param freeLeftInDomains  free GPUs left in the domains used (smaller is a tighter fit)
     */
    record GpuAssignment(Map<String, UUID> providerBySuffix, int wholeDomainsBroken, int freeLeftInDomains) {
    }

    /** The best assignment on this host, or empty when its free GPUs cannot satisfy the request's GPU groups. */
    Optional<GpuAssignment> pick(HostView host, ResourceRequest request) {
        List<ResourceGroup> groups = request.groups().stream()
                .filter(g -> request.gpuGroupSuffixes().contains(g.suffix())).toList();
        if (groups.isEmpty()) {
            return Optional.of(new GpuAssignment(Map.of(), 0, 0));
        }
        boolean distinct = request.groupPolicy() == GroupPolicy.ISOLATE;
        List<ProviderView> gpus = host.providers().stream().filter(GpuPicker::hasGpuInventory).toList();
        Map<String, List<ProviderView>> byDomain = new TreeMap<>();
        for (ProviderView gpu : gpus) {
            byDomain.computeIfAbsent(domainKey(host, gpu, request.gpuTopology()), k -> new ArrayList<>()).add(gpu);
        }
        // Best fit first: the domain with the fewest free devices that can still take the whole request.
        List<List<ProviderView>> domains = new ArrayList<>(byDomain.values());
        domains.sort(Comparator.comparingInt(GpuPicker::freeDevices));
        for (List<ProviderView> domain : domains) {
            Optional<Map<String, UUID>> chosen = assign(groups, domain, distinct);
            if (chosen.isPresent()) {
                return Optional.of(score(gpus, chosen.get()));
            }
        }
        if (request.gpuTopology() != GpuTopology.ANY) {
            return Optional.empty();
        }
        // No single domain fits and none is required: fill from the fullest domains first.
        List<ProviderView> ordered = new ArrayList<>();
        domains.forEach(ordered::addAll);
        return assign(groups, ordered, distinct).map(chosen -> score(gpus, chosen));
    }

    private static boolean hasGpuInventory(ProviderView provider) {
        return provider.resources().keySet().stream().anyMatch(FlavorResources::isGpuResourceClass);
    }

    private static String domainKey(HostView host, ProviderView gpu, GpuTopology topology) {
        if (topology == GpuTopology.NUMA) {
            if (gpu.parentUuid() != null && !gpu.parentUuid().equals(host.rootUuid())) {
                return "parent:" + gpu.parentUuid();
            }
            return GpuTraits.numaNodeOf(gpu.traits()).map(n -> "numa:" + n).orElse("host");
        }
        return nvlinkKey(gpu);
    }

    private static String nvlinkKey(ProviderView gpu) {
        return GpuTraits.nvlinkDomainOf(gpu.traits()).map(d -> "nvlink:" + d).orElse("gpu:" + gpu.uuid());
    }

    private static int freeDevices(List<ProviderView> domain) {
        int free = 0;
        for (ProviderView gpu : domain) {
            if (gpu.resources().entrySet().stream()
                    .anyMatch(e -> FlavorResources.isGpuResourceClass(e.getKey()) && e.getValue().free() > 0)) {
                free++;
            }
        }
        return free;
    }

    /** Backtracking over the groups; identical groups take providers in increasing order (no permutations). */
    private static Optional<Map<String, UUID>> assign(List<ResourceGroup> groups, List<ProviderView> providers,
            boolean distinct) {
        int[] chosen = new int[groups.size()];
        Map<UUID, Map<String, Long>> taken = new HashMap<>();
        if (!assign(0, groups, providers, distinct, chosen, taken)) {
            return Optional.empty();
        }
        Map<String, UUID> result = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            result.put(groups.get(g).suffix(), providers.get(chosen[g]).uuid());
        }
        return Optional.of(result);
    }

    private static boolean assign(int g, List<ResourceGroup> groups, List<ProviderView> providers, boolean distinct,
            int[] chosen, Map<UUID, Map<String, Long>> taken) {
        if (g == groups.size()) {
            return true;
        }
        ResourceGroup group = groups.get(g);
        boolean sameAsPrevious = g > 0 && sameDemand(groups.get(g - 1), group);
        int start = sameAsPrevious ? chosen[g - 1] + (distinct ? 1 : 0) : 0;
        for (int p = start; p < providers.size(); p++) {
            ProviderView provider = providers.get(p);
            if (distinct && isChosen(p, chosen, g) || !accepts(group, provider, taken)) {
                continue;
            }
            take(group, provider, taken, 1);
            chosen[g] = p;
            if (assign(g + 1, groups, providers, distinct, chosen, taken)) {
                return true;
            }
            take(group, provider, taken, -1);
        }
        return false;
    }

    private static boolean sameDemand(ResourceGroup a, ResourceGroup b) {
        return a.resources().equals(b.resources()) && a.requiredTraits().equals(b.requiredTraits())
                && a.forbiddenTraits().equals(b.forbiddenTraits()) && a.anyOfTraits().equals(b.anyOfTraits());
    }

    private static boolean isChosen(int provider, int[] chosen, int upTo) {
        for (int g = 0; g < upTo; g++) {
            if (chosen[g] == provider) {
                return true;
            }
        }
        return false;
    }

    private static boolean accepts(ResourceGroup group, ProviderView provider, Map<UUID, Map<String, Long>> taken) {
        Set<String> traits = provider.traits();
        if (!traits.containsAll(group.requiredTraits()) || group.forbiddenTraits().stream().anyMatch(traits::contains)
                || group.anyOfTraits().stream().anyMatch(anyOf -> anyOf.stream().noneMatch(traits::contains))) {
            return false;
        }
        Map<String, Long> already = taken.getOrDefault(provider.uuid(), Map.of());
        for (Map.Entry<String, Integer> demand : group.resources().entrySet()) {
            Capacity capacity = provider.resources().get(demand.getKey());
            int amount = demand.getValue();
            if (capacity == null || !capacity.fits(amount)
                    || capacity.used() + already.getOrDefault(demand.getKey(), 0L) + amount > capacity.capacity()) {
                return false;
            }
        }
        return true;
    }

    private static void take(ResourceGroup group, ProviderView provider, Map<UUID, Map<String, Long>> taken, int sign) {
        Map<String, Long> amounts = taken.computeIfAbsent(provider.uuid(), u -> new HashMap<>());
        group.resources().forEach((resourceClass, amount) -> amounts.merge(resourceClass, (long) sign * amount, Long::sum));
    }

    private static GpuAssignment score(List<ProviderView> gpus, Map<String, UUID> chosen) {
        Map<String, List<ProviderView>> byNvlink = new TreeMap<>();
        gpus.forEach(gpu -> byNvlink.computeIfAbsent(nvlinkKey(gpu), k -> new ArrayList<>()).add(gpu));
        Set<UUID> used = Set.copyOf(chosen.values());
        int broken = 0;
        int left = 0;
        for (List<ProviderView> domain : byNvlink.values()) {
            boolean touched = domain.stream().anyMatch(gpu -> used.contains(gpu.uuid()));
            if (!touched) {
                continue;
            }
            boolean wasWhole = domain.stream().allMatch(GpuPicker::untouched);
            if (wasWhole) {
                broken++;
            }
            left += (int) domain.stream().filter(gpu -> !used.contains(gpu.uuid()) && freeDevices(List.of(gpu)) > 0)
                    .count();
        }
        return new GpuAssignment(Map.copyOf(chosen), broken, left);
    }

    private static boolean untouched(ProviderView gpu) {
        return gpu.resources().entrySet().stream()
                .filter(e -> FlavorResources.isGpuResourceClass(e.getKey()))
                .allMatch(e -> e.getValue().used() == 0);
    }
}
