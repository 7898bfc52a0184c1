package io.gpucloud.agent.host;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One physical NVIDIA GPU (a PCI function) as discovered on the host, whichever source found it.
 *
 * @param address      the PCI address, e.g. {@code 0000:3b:00.0}; identifies the GPU on its host
 * @param vendorId     always 0x10de today; kept so that the model stays honest about what it read
 * @param productId    PCI product (device) id, e.g. 0x20b5
 * @param model        from {@link GpuModels}, e.g. {@code A100-80GB}, or {@code NVIDIA 10de:xxxx} when unknown
 * @param memoryGb     from the model table, else from nvidia-smi; empty when neither knows
 * @param numaNode     host NUMA node the GPU hangs off; empty when the platform does not say (one-node hosts)
 * @param iommuGroup   IOMMU group; empty when the IOMMU is off (then the GPU cannot be passed through)
 * @param mdevTypes    mediated-device types offered (vGPU), in type-id order; empty when none
 * @param mig          MIG mode and profiles, only where nvidia-smi reported them
 * @param nvlinkDomain host-local id of the set of GPUs linked by NVLink (NVSwitch fabric or bridges); empty when
 *                     the GPU has no NVLink peers or nobody could tell
 * @param nvlinkPeers  GPUs directly reachable over NVLink, in address order
 */
public record GpuDevice(
        PciAddress address,
        int vendorId,
        int productId,
        String model,
        OptionalInt memoryGb,
        OptionalInt numaNode,
        OptionalInt iommuGroup,
        List<MdevType> mdevTypes,
        Optional<MigInfo> mig,
        Optional<String> nvlinkDomain,
        List<PciAddress> nvlinkPeers) {

    public GpuDevice {
        requireNonNull(address, "address is null");
        requireNonNull(model, "model is null");
        requireNonNull(memoryGb, "memoryGb is null");
        requireNonNull(numaNode, "numaNode is null");
        requireNonNull(iommuGroup, "iommuGroup is null");
        requireNonNull(mig, "mig is null");
        requireNonNull(nvlinkDomain, "nvlinkDomain is null");
        mdevTypes = List.copyOf(requireNonNull(mdevTypes, "mdevTypes is null")).stream()
                .sorted((a, b) -> a.id().compareTo(b.id())).toList();
        nvlinkPeers = List.copyOf(requireNonNull(nvlinkPeers, "nvlinkPeers is null")).stream()
                .sorted().distinct().toList();
        if (nvlinkPeers.contains(address)) {
            throw new IllegalArgumentException("GPU " + address + " lists itself as its NVLink peer");
        }
    }

    /**
     * A GPU as the PCI bus describes it (what libvirt's node devices and sysfs both know): model and memory from
     * {@link GpuModels}, nothing from nvidia-smi yet.
     */
    public static GpuDevice fromPci(PciAddress address, int vendorId, int productId, OptionalInt numaNode,
            OptionalInt iommuGroup, List<MdevType> mdevTypes) {
        GpuModels.GpuModel model = GpuModels.byProductId(productId);
        return new GpuDevice(address, vendorId, productId, model.name(), model.memoryGb(), numaNode, iommuGroup,
                mdevTypes, Optional.empty(), Optional.empty(), List.of());
    }

    public GpuDevice withMdevTypes(List<MdevType> types) {
        return new GpuDevice(address, vendorId, productId, model, memoryGb, numaNode, iommuGroup, types, mig,
                nvlinkDomain, nvlinkPeers);
    }

    public GpuDevice withMemoryGb(int gigabytes) {
        return new GpuDevice(address, vendorId, productId, model, OptionalInt.of(gigabytes), numaNode, iommuGroup,
                mdevTypes, mig, nvlinkDomain, nvlinkPeers);
    }

    public GpuDevice withMig(MigInfo info) {
        return new GpuDevice(address, vendorId, productId, model, memoryGb, numaNode, iommuGroup, mdevTypes,
                Optional.of(info), nvlinkDomain, nvlinkPeers);
    }

    public GpuDevice withNvlink(String domain, List<PciAddress> peers) {
        return new GpuDevice(address, vendorId, productId, model, memoryGb, numaNode, iommuGroup, mdevTypes, mig,
                Optional.of(requireNonNull(domain, "domain is null")), peers);
    }
}
