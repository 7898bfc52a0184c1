package io.gpucloud.common.compute;

import io.gpucloud.common.compute.ExtraSpec.CpuPolicySpec;
import io.gpucloud.common.compute.ExtraSpec.GpuTopologySpec;
import io.gpucloud.common.compute.ExtraSpec.GroupPolicySpec;
import io.gpucloud.common.compute.ExtraSpec.NumaNodesSpec;
import io.gpucloud.common.compute.ExtraSpec.Resource;
import io.gpucloud.common.compute.ExtraSpec.Trait;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One run of {@link FlavorResources#translate}: collects the parsed extra specs into groups, applies the rules that
 * need the whole flavor, adds the flavor's own vCPUs, RAM and disk, and expands GPUs. The steps follow the order of
 * Nova's {@code ResourceRequest.from_request_spec}, so that the same flavor gives the same groups as in Nova.
 */
final class FlavorTranslation {

    private static final String IMAGE_TRAIT_PREFIX = "trait:";

    private final Map<String, GroupDraft> groups = new TreeMap<>(SuffixOrder.INSTANCE);
    private GroupPolicy groupPolicy;
    private GpuTopology gpuTopology = GpuTopology.ANY;
    private CpuPolicy cpuPolicyGiven;
    private OptionalInt numaNodes = OptionalInt.empty();

    private FlavorTranslation() {
        groups.put(ResourceGroup.UNNUMBERED, new GroupDraft(ResourceGroup.UNNUMBERED));
    }

    static ResourceRequest translate(int vcpus, int ramMb, int diskGb, Map<String, String> extraSpecs,
            Map<String, String> imageProperties) {
        FlavorTranslation translation = new FlavorTranslation();
        ExtraSpecParser.sorted(extraSpecs)
                .forEach((key, value) -> translation.collect(ExtraSpecParser.parse(key, value)));
        CpuPolicy cpuPolicy = translation.checkCpuResources(vcpus);
        translation.addImageTraits(imageProperties);
        translation.addFlavorAmounts(vcpus, ramMb, diskGb);
        translation.dropEmptyGroups();
        translation.checkGroupPolicy();
        translation.expandGpus();
        return translation.build(cpuPolicy);
    }

    private void collect(ExtraSpec spec) {
        if (spec instanceof Resource resource) {
            group(resource.suffix()).resources.put(resource.resourceClass(), resource.amount());
        } else if (spec instanceof Trait trait) {
            GroupDraft group = group(trait.suffix());
            (trait.required() ? group.requiredTraits : group.forbiddenTraits).add(trait.trait());
        } else if (spec instanceof GroupPolicySpec policy) {
            groupPolicy = policy.policy();
        } else if (spec instanceof GpuTopologySpec topology) {
            gpuTopology = topology.topology();
        } else if (spec instanceof CpuPolicySpec policy) {
            cpuPolicyGiven = policy.policy();
        } else if (spec instanceof NumaNodesSpec nodes) {
            numaNodes = OptionalInt.of(nodes.nodes());
        }
    }

    /**
     * Nova's rules for explicit {@code resources*:VCPU} / {@code PCPU} (nova.virt.hardware.numa_get_constraints):
     * not together with {@code hw:cpu_policy}, not both, and PCPU must equal the flavor's vCPUs. An explicit PCPU
     * without a policy means dedicated CPUs.
     */
    private CpuPolicy checkCpuResources(int vcpus) {
        long explicitVcpus = explicitTotal(ResourceClasses.VCPU);
        long explicitPcpus = explicitTotal(ResourceClasses.PCPU);
        if (cpuPolicyGiven != null && (explicitVcpus > 0 || explicitPcpus > 0)) {
            throw new InvalidExtraSpecException(explicitKey(explicitVcpus > 0 ? ResourceClasses.VCPU
                    : ResourceClasses.PCPU), "cannot be combined with " + ExtraSpecParser.CPU_POLICY
                    + "; use one or the other");
        }
        if (explicitVcpus > 0 && explicitPcpus > 0) {
            throw new InvalidExtraSpecException(explicitKey(ResourceClasses.PCPU), "cannot be combined with an "
                    + "explicit VCPU amount; use one or the other");
        }
        if (explicitPcpus > 0 && explicitPcpus != vcpus) {
            throw new InvalidExtraSpecException(explicitKey(ResourceClasses.PCPU), "asks for " + explicitPcpus
                    + " PCPU in all but the flavor has " + vcpus + " vCPUs; they must match");
        }
        if (cpuPolicyGiven != null) {
            return cpuPolicyGiven;
        }
        return explicitPcpus > 0 ? CpuPolicy.DEDICATED : CpuPolicy.SHARED;
    }

    /** Nova's image traits: {@code trait:<T>=required} image properties join the unnumbered group. */
    private void addImageTraits(Map<String, String> imageProperties) {
        GroupDraft unnumbered = groups.get(ResourceGroup.UNNUMBERED);
        ExtraSpecParser.sorted(imageProperties).forEach((key, value) -> {
            if (key == null || !key.startsWith(IMAGE_TRAIT_PREFIX) || !"required".equals(value)) {
                // NOTE: like Nova, only required traits are taken from images; anything else there is not ours.
                return;
            }
            ExtraSpec.Trait trait = (ExtraSpec.Trait) ExtraSpecParser.parse(key, value);
            if (unnumbered.forbiddenTraits.contains(trait.trait())) {
                throw new InvalidExtraSpecException(key, "the image requires " + trait.trait()
                        + " but the flavor forbids it");
            }
            unnumbered.requiredTraits.add(trait.trait());
        });
    }

    /**
     * The flavor's own amounts, in the unnumbered group, unless the extra specs already name that class in any group
     * (even with 0, which is how Nova lets a flavor drop, say, DISK_GB for boot-from-volume).
     */
    private void addFlavorAmounts(int vcpus, int ramMb, int diskGb) {
        GroupDraft unnumbered = groups.get(ResourceGroup.UNNUMBERED);
        if (cpuPolicyGiven == CpuPolicy.DEDICATED) {
            unnumbered.resources.put(ResourceClasses.PCPU, vcpus);
        } else if (!written(ResourceClasses.VCPU) && !written(ResourceClasses.PCPU)) {
            unnumbered.resources.put(ResourceClasses.VCPU, vcpus);
        }
        if (!written(ResourceClasses.MEMORY_MB)) {
            unnumbered.resources.put(ResourceClasses.MEMORY_MB, ramMb);
        }
        if (!written(ResourceClasses.DISK_GB)) {
            unnumbered.resources.put(ResourceClasses.DISK_GB, diskGb);
        }
    }

    /**
     * Granular groups whose every amount is 0 disappear, as in Nova; if such a group still has traits, it is an
     * error, because Placement would have no provider to check them against.
     */
    private void dropEmptyGroups() {
        groups.values().removeIf(group -> {
            if (group.suffix.isEmpty() || group.hasResources()) {
                return false;
            }
            if (group.hasTraits()) {
                throw new InvalidExtraSpecException(group.firstTraitKey(), "group '" + group.suffix + "' has traits "
                        + "but no resources; add " + ExtraSpecParser.RESOURCES + group.suffix + ":<CLASS>=<amount>");
            }
            return true;
        });
    }

    /** Placement requires a group policy with more than one numbered group; Nova passes that on to the flavor. */
    private void checkGroupPolicy() {
        List<String> numbered = groups.keySet().stream().filter(suffix -> !suffix.isEmpty()).toList();
        if (numbered.size() > 1 && groupPolicy == null) {
            throw new InvalidExtraSpecException(ExtraSpecParser.GROUP_POLICY, "the flavor has " + numbered.size()
                    + " numbered groups " + numbered + ", so it needs group_policy=isolate (each on its own "
                    + "provider) or group_policy=none");
        }
    }

    private void expandGpus() {
        GroupDraft unnumbered = groups.get(ResourceGroup.UNNUMBERED);
        int wholeGpus = unnumbered.amount(ResourceClasses.PGPU);
        if (wholeGpus > 1 && groupPolicy == GroupPolicy.NONE) {
            // NOTE: the generated PGPU groups are only correct if they land on different GPUs, which
            // group_policy=none would allow Placement to ignore; rather than override what the flavor says, refuse.
            throw new InvalidExtraSpecException(ExtraSpecParser.GROUP_POLICY, "group_policy=none cannot be used "
                    + "with resources:PGPU=" + wholeGpus + ", which is requested as one group per GPU that must land "
                    + "on different GPUs; use group_policy=isolate or leave group_policy out");
        }
        List<GroupDraft> generated = GpuGroupExpansion.expand(unnumbered);
        if (generated.isEmpty()) {
            return;
        }
        generated.forEach(group -> groups.put(group.suffix, group));
        if (groupPolicy == null) {
            groupPolicy = GroupPolicy.ISOLATE;
        }
    }

    private ResourceRequest build(CpuPolicy cpuPolicy) {
        List<ResourceGroup> result = new ArrayList<>();
        List<String> gpuSuffixes = new ArrayList<>();
        for (GroupDraft draft : groups.values()) {
            if (draft.suffix.isEmpty() && !draft.hasResources() && !draft.hasTraits()) {
                continue;
            }
            ResourceGroup group = draft.toGroup();
            result.add(group);
            if (group.hasGpuResources()) {
                gpuSuffixes.add(group.suffix());
            }
        }
        return new ResourceRequest(result, groupPolicy, gpuTopology, cpuPolicy, numaNodes, gpuSuffixes);
    }

    private GroupDraft group(String suffix) {
        return groups.computeIfAbsent(suffix, GroupDraft::new);
    }

    private boolean written(String resourceClass) {
        return groups.values().stream().anyMatch(group -> group.resources.containsKey(resourceClass));
    }

    private long explicitTotal(String resourceClass) {
        return groups.values().stream().mapToLong(group -> group.amount(resourceClass)).sum();
    }

    /** The first key that asks for a positive amount of {@code resourceClass}. */
    private String explicitKey(String resourceClass) {
        return groups.values().stream()
                .filter(group -> group.amount(resourceClass) > 0)
                .map(group -> ExtraSpecParser.RESOURCES + group.suffix + ":" + resourceClass)
                .findFirst()
                .orElseThrow();
    }
}
