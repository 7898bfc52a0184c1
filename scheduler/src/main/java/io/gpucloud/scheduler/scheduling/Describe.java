package io.gpucloud.scheduler.scheduling;

import io.gpucloud.common.compute.GpuTopology;
import io.gpucloud.common.compute.GpuTraits;
import io.gpucloud.common.compute.ResourceGroup;
import io.gpucloud.common.compute.ResourceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Words for NoValidHost reasons: what was asked for, where, and how the GPUs were to sit together. */
final class Describe {

    private Describe() {
    }

    /** " in az1", " in az1 and data-residency region eu", or "". */
    static String where(SchedulingRequest request) {
        List<String> parts = new ArrayList<>();
        request.zone().ifPresent(zone -> parts.add(zone));
        request.residency().ifPresent(region -> parts.add("data-residency region " + region));
        return parts.isEmpty() ? "" : " in " + String.join(" and ", parts);
    }

    static String topology(GpuTopology topology) {
        return switch (topology) {
            case NVLINK -> "NVLink domain";
            case NUMA -> "NUMA node";
            case ANY -> "host";
        };
    }

    /** The kind of GPU a group asks for: "A100-80GB" from its model trait, else "GPU", "vGPU", "MIG 1G.10GB slice". */
    static String gpuKind(ResourceGroup group) {
        Optional<String> model = group.requiredTraits().stream().filter(t -> t.startsWith(GpuTraits.MODEL_PREFIX))
                .findFirst().map(t -> t.substring(GpuTraits.MODEL_PREFIX.length()).replace('_', '-'));
        if (model.isPresent()) {
            return model.get();
        }
        String resourceClass = group.resources().keySet().stream().findFirst().orElse("GPU");
        if (resourceClass.equals("VGPU")) {
            return "vGPU";
        }
        if (resourceClass.startsWith("CUSTOM_MIG_")) {
            return "MIG " + resourceClass.substring("CUSTOM_MIG_".length()).replace('_', '.') + " slice";
        }
        return "GPU";
    }

    /** "2 A100-80GB" or, for mixed groups, "1 A100-80GB + 1 L4". */
    static String gpus(ResourceRequest request, List<ResourceGroup> gpuGroups) {
        Map<String, Integer> byKind = new java.util.LinkedHashMap<>();
        for (ResourceGroup group : gpuGroups) {
            int amount = group.resources().values().stream().mapToInt(Integer::intValue).sum();
            byKind.merge(gpuKind(group), amount, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        byKind.forEach((kind, amount) -> parts.add(amount + " " + kind));
        return String.join(" + ", parts);
    }

    /** The non-GPU part: "8 VCPU, 65536 MB RAM, 100 GB disk". */
    static String hostResources(List<ResourceGroup> groups) {
        List<String> parts = new ArrayList<>();
        for (ResourceGroup group : groups) {
            group.resources().forEach((resourceClass, amount) -> parts.add(switch (resourceClass) {
                case "MEMORY_MB" -> amount + " MB RAM";
                case "DISK_GB" -> amount + " GB disk";
                default -> amount + " " + resourceClass;
            }));
        }
        return String.join(", ", parts);
    }

    static String hosts(int count) {
        return count == 1 ? "1 host" : count + " hosts";
    }
}
