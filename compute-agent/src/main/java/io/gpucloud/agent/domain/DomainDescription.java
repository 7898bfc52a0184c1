package io.gpucloud.agent.domain;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.host.PciAddress;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a defined domain holds of the host, read back from its XML: the GPUs passed through, the mediated devices
 * attached, the host CPUs its vCPUs are pinned to, and, for the agent's own guests, its metadata.
 *
 * @param ours          whether the domain carries the agent's metadata (a guest it built)
 * @param pciDevices    PCI functions passed through ({@code <hostdev type='pci'>}), GPUs or not
 * @param mdevUuids     mediated devices attached ({@code <hostdev type='mdev'>})
 * @param mediatedGpus  the agent's record of those mediated devices, with their parent GPUs; empty for others' domains
 * @param pinnedCpus    host CPUs named by {@code <vcpupin>}
 */
public record DomainDescription(UUID uuid, String name, boolean ours, Set<PciAddress> pciDevices, Set<UUID> mdevUuids,
        List<MediatedGpu> mediatedGpus, Set<Integer> pinnedCpus) {

    public DomainDescription {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(name, "name is null");
        pciDevices = Set.copyOf(pciDevices);
        mdevUuids = Set.copyOf(mdevUuids);
        mediatedGpus = List.copyOf(mediatedGpus);
        pinnedCpus = Set.copyOf(pinnedCpus);
    }
}
