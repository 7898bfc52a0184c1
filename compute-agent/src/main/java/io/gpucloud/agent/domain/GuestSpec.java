package io.gpucloud.agent.domain;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything the domain XML says about one guest, decided before libvirt is asked anything: what the build
 * message and the host plan amount to. {@link DomainXmlWriter} turns it into XML.
 *
 * @param uuid     the instance uuid, also the domain's uuid
 * @param vcpus    from the flavor
 * @param memoryMb from the flavor
 * @param pinning    present for {@code hw:cpu_policy=dedicated}
 * @param kernelBoot present when the image asks for direct kernel boot
 */
public record GuestSpec(UUID uuid, int vcpus, long memoryMb, GuestLabels labels, List<PassthroughGpu> passthroughGpus,
        List<MediatedGpu> mediatedGpus, Optional<CpuPinning> pinning, GuestFiles files,
        Optional<KernelBoot> kernelBoot) {

    public GuestSpec {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(labels, "labels is null");
        requireNonNull(pinning, "pinning is null");
        requireNonNull(files, "files is null");
        requireNonNull(kernelBoot, "kernelBoot is null");
        passthroughGpus = List.copyOf(passthroughGpus);
        mediatedGpus = List.copyOf(mediatedGpus);
        if (vcpus < 1) {
            throw new IllegalArgumentException("a guest needs at least one vCPU: " + vcpus);
        }
        if (memoryMb < 1) {
            throw new IllegalArgumentException("a guest needs memory: " + memoryMb + " MB");
        }
        if (pinning.isPresent() && pinning.get().hostCpus().size() != vcpus) {
            throw new IllegalArgumentException("pinning names " + pinning.get().hostCpus().size()
                    + " host CPUs for " + vcpus + " vCPUs");
        }
    }

    /** The libvirt domain name of an instance: {@code instance-<uuid>}, unique because the uuid is. */
    public static String domainName(UUID instanceUuid) {
        return "instance-" + instanceUuid;
    }

    public String domainName() {
        return domainName(uuid);
    }
}
