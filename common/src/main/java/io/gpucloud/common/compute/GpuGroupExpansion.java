package io.gpucloud.common.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Moves GPU resources out of the unnumbered group into generated granular groups {@code _GPU1}, {@code _GPU2}, ...
 *
 * <p>Why: Placement never splits one class's amount in one group across providers, and each whole GPU is its own
 * provider with {@code PGPU} total 1. An unnumbered {@code PGPU=2} could therefore never be met. So {@code PGPU=n}
 * becomes n groups of {@code PGPU=1}, which must land on different GPUs. A slice class ({@code VGPU},
 * {@code CUSTOM_MIG_*}) keeps its whole amount in one group, since the slices come from one physical GPU; each slice
 * class gets its own group, numbered after the PGPU groups in class-name order.
 *
 * <p>GPU traits ({@link GpuTraits#isGpuTrait}), required or forbidden, move from the unnumbered group onto every
 * generated group, because "trait:CUSTOM_GPU_NVIDIA_A100_80GB=required" means each GPU must be one; other traits
 * stay where they are. Nothing moves when the unnumbered group asks for no GPU class.
 */
final class GpuGroupExpansion {

    static final String SUFFIX_PREFIX = "_GPU";

    private GpuGroupExpansion() {}

    /**
     * Expands {@code unnumbered} in place and returns the generated groups, in suffix order (empty if it had no GPU
     * class).
     */
    static List<GroupDraft> expand(GroupDraft unnumbered) {
        List<String> sliceClasses = new ArrayList<>();
        for (String resourceClass : unnumbered.resources.keySet()) {
            if (ResourceClasses.isGpu(resourceClass) && !resourceClass.equals(ResourceClasses.PGPU)
                    && unnumbered.amount(resourceClass) > 0) {
                sliceClasses.add(resourceClass);
            }
        }
        int wholeGpus = unnumbered.amount(ResourceClasses.PGPU);
        if (wholeGpus == 0 && sliceClasses.isEmpty()) {
            return List.of();
        }
        Set<String> gpuRequired = takeGpuTraits(unnumbered.requiredTraits);
        Set<String> gpuForbidden = takeGpuTraits(unnumbered.forbiddenTraits);
        List<GroupDraft> generated = new ArrayList<>();
        for (int i = 0; i < wholeGpus; i++) {
            generated.add(newGroup(generated.size() + 1, ResourceClasses.PGPU, 1, gpuRequired, gpuForbidden));
        }
        for (String sliceClass : sliceClasses) {
            generated.add(newGroup(generated.size() + 1, sliceClass, unnumbered.amount(sliceClass), gpuRequired,
                    gpuForbidden));
        }
        unnumbered.resources.keySet().removeIf(ResourceClasses::isGpu);
        return generated;
    }

    private static Set<String> takeGpuTraits(Set<String> traits) {
        Set<String> gpuTraits = new TreeSet<>();
        traits.removeIf(trait -> GpuTraits.isGpuTrait(trait) && gpuTraits.add(trait));
        return gpuTraits;
    }

    private static GroupDraft newGroup(int index, String resourceClass, int amount, Set<String> required,
            Set<String> forbidden) {
        GroupDraft group = new GroupDraft(SUFFIX_PREFIX + index);
        group.resources.put(resourceClass, amount);
        group.requiredTraits.addAll(required);
        group.forbiddenTraits.addAll(forbidden);
        return group;
    }
}
