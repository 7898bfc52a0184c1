package io.gpucloud.agent.domain;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.host.PciAddress;
import java.util.UUID;

/**
 * One vGPU or MIG slice given to the guest: a mediated device of {@code typeId} on the GPU at {@code parent},
 * attached as {@code <hostdev type='mdev' model='vfio-pci'>} by its uuid.
 *
 * @param providerName the Placement provider the slice was claimed from
 */
public record MediatedGpu(String providerName, PciAddress parent, String typeId, UUID uuid) {

    public MediatedGpu {
        requireNonNull(providerName, "providerName is null");
        requireNonNull(parent, "parent is null");
        requireNonNull(typeId, "typeId is null");
        requireNonNull(uuid, "uuid is null");
    }
}
