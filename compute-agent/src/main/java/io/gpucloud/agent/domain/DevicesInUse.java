package io.gpucloud.agent.domain;

import io.gpucloud.agent.host.PciAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the host's other domains already hold: passed-through PCI devices, the agent's mediated devices (by parent
 * GPU) and pinned host CPUs. A build checks its claim against this before it creates anything.
 *
 * <p>Mediated devices of domains the agent did not build have no metadata naming their parent GPU, so they are not
 * counted against any GPU; libvirt refuses the start if the GPU is really out of slices.
 */
public final class DevicesInUse {

    private final List<DomainDescription> domains;

    /** Nothing held: for builds that claim no devices ({@link GuestPlanner#usesHostDevices}). */
    public static final DevicesInUse NONE = new DevicesInUse(List.of());

    public DevicesInUse(List<DomainDescription> domains) {
        this.domains = List.copyOf(domains);
    }

    /** The other domains, i.e. all but {@code self} (a build's own domain is never its own competitor). */
    public DevicesInUse except(UUID self) {
        return new DevicesInUse(domains.stream().filter(domain -> !domain.uuid().equals(self)).toList());
    }

    /** The domain the PCI function is passed through to. */
    public Optional<DomainDescription> passedThrough(PciAddress address) {
        return domains.stream().filter(domain -> domain.pciDevices().contains(address)).findFirst();
    }

    /** Mediated devices of the agent's guests on the GPU at {@code parent}. */
    public List<MediatedGpu> mediatedOn(PciAddress parent) {
        return domains.stream().flatMap(domain -> domain.mediatedGpus().stream())
                .filter(mdev -> mdev.parent().equals(parent)).toList();
    }

    /** The domain holding a mediated device on the GPU at {@code parent}, if any. */
    public Optional<DomainDescription> slicing(PciAddress parent) {
        return domains.stream()
                .filter(domain -> domain.mediatedGpus().stream().anyMatch(mdev -> mdev.parent().equals(parent)))
                .findFirst();
    }

    public Set<Integer> pinnedCpus() {
        Set<Integer> cpus = new HashSet<>();
        domains.forEach(domain -> cpus.addAll(domain.pinnedCpus()));
        return cpus;
    }
}
