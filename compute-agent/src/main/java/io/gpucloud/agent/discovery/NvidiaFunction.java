package io.gpucloud.agent.discovery;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.host.GpuDevice;
import io.gpucloud.agent.host.MdevType;
import io.gpucloud.agent.host.PciAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An NVIDIA GPU PCI function as a discovery source reads it: the GPU itself (physical function), or an SR-IOV
 * virtual function of one. Ampere and later GPUs carve vGPUs out of virtual functions, and the kernel lists the mdev
 * types on each VF; a VF is not a GPU of its own, so its types are added to its GPU's.
 */
sealed interface NvidiaFunction {

    record Gpu(GpuDevice device) implements NvidiaFunction {

        public Gpu {
            requireNonNull(device, "device is null");
        }
    }

    record VirtualFunction(PciAddress physicalFunction, List<MdevType> mdevTypes) implements NvidiaFunction {

        public VirtualFunction {
            requireNonNull(physicalFunction, "physicalFunction is null");
            mdevTypes = List.copyOf(mdevTypes);
        }
    }

    /**
     * The GPUs, each with the mdev types of its virtual functions added: a type offered by several functions is
     * listed once, with their available instances summed. A VF whose GPU is not among the functions is dropped.
     */
    static List<GpuDevice> gpus(List<NvidiaFunction> functions) {
        Map<PciAddress, List<MdevType>> fromVirtualFunctions = new LinkedHashMap<>();
        for (NvidiaFunction function : functions) {
            if (function instanceof VirtualFunction vf) {
                fromVirtualFunctions.computeIfAbsent(vf.physicalFunction(), k -> new ArrayList<>())
                        .addAll(vf.mdevTypes());
            }
        }
        List<GpuDevice> gpus = new ArrayList<>();
        for (NvidiaFunction function : functions) {
            if (function instanceof Gpu gpu) {
                List<MdevType> extra = fromVirtualFunctions.getOrDefault(gpu.device().address(), List.of());
                gpus.add(extra.isEmpty() ? gpu.device() : gpu.device().withMdevTypes(merge(gpu.device().mdevTypes(),
                        extra)));
            }
        }
        return gpus;
    }

    private static List<MdevType> merge(List<MdevType> own, List<MdevType> extra) {
        Map<String, MdevType> byId = new LinkedHashMap<>();
        for (MdevType type : own) {
            byId.put(type.id(), type);
        }
        for (MdevType type : extra) {
            byId.merge(type.id(), type, (a, b) -> new MdevType(a.id(), a.name(),
                    a.availableInstances() + b.availableInstances()));
        }
        return List.copyOf(byId.values());
    }
}
