package io.gpucloud.agent.inventory;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.host.PciAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One GPU as this host offers it in Placement: the child provider of the host's root that stands for it.
 *
 * @param providerName  {@code <host>_pci_0000_3b_00_0}, the name Nova gives GPU providers; unique in the cloud
 * @param resourceClass PGPU, VGPU or a CUSTOM_MIG_ class
 * @param total         1 for a whole GPU, else the mediated device type's instances
 * @param mdevType      the mediated device type slices of this GPU are created from (empty for PGPU)
 * @param traits        model, memory, NUMA node and NVLink domain traits
 * @param inService     false when an operator took the GPU out of service: Placement then holds its whole
 *                      inventory reserved, so nothing new is scheduled on it while guests using it keep it
 */
public record GpuSlot(String providerName, PciAddress address, String resourceClass, int total,
        Optional<String> mdevType, Set<String> traits, boolean inService) {

    public GpuSlot {
        requireNonNull(providerName, "providerName is null");
        requireNonNull(address, "address is null");
        requireNonNull(resourceClass, "resourceClass is null");
        requireNonNull(mdevType, "mdevType is null");
        traits = Set.copyOf(traits);
        if (total < 1) {
            throw new IllegalArgumentException("a GPU slot offers at least one unit: " + providerName);
        }
    }

    /** The provider name of the GPU at {@code address} on {@code host}. */
    public static String providerName(String host, PciAddress address) {
        return host + "_pci_" + String.format(Locale.ROOT, "%04x_%02x_%02x_%x", address.domain(), address.bus(),
                address.slot(), address.function());
    }

    /** Whether guests get the whole PCI function (hostdev) rather than a mediated device. */
    public boolean passthrough() {
        return mdevType.isEmpty();
    }
}
