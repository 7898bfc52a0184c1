package io.gpucloud.agent.domain;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.host.PciAddress;

/**
 * A whole GPU given to the guest: a {@code <hostdev type='pci' managed='yes'>} of its PCI function.
 *
 * @param providerName the Placement provider the scheduler claimed for it, kept in the domain's metadata
 */
public record PassthroughGpu(String providerName, PciAddress address) {

    public PassthroughGpu {
        requireNonNull(providerName, "providerName is null");
        requireNonNull(address, "address is null");
    }
}
