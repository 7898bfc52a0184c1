package io.gpucloud.agent.domain;

import io.gpucloud.agent.host.GpuDevice;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.inventory.GpuSlot;
import io.gpucloud.agent.inventory.HostPlan;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.BuildInstance.ClaimedGpu;
import io.gpucloud.common.messaging.contract.FlavorSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Turns a build command into a {@link GuestSpec} for this host, checking first that the claim makes sense here:
 * every claimed GPU provider is a slot of this host's plan, in service, with the slot's resource class, a whole GPU
 * is claimed once, and no other domain already holds the device (or, for slices, the slices). Refusals say why, for a person;
 * nothing has been created when one is thrown.
 */
public final class GuestPlanner {

    /** Nova's extra spec for dedicated (pinned) host CPUs. */
    public static final String CPU_POLICY = "hw:cpu_policy";

    /**
     * Whether planning the build reads what other domains hold: it does when the build claims GPUs (whole or
     * slices) or asks for pinned CPUs. For any other build {@link #plan} ignores {@code others}, so the caller need
     * not list the host's domains (a cost that grows with every guest on the host) nor hold a lock against
     * concurrent builds.
     */
    public static boolean usesHostDevices(BuildInstance build) {
        return !build.gpus().isEmpty()
                || (build.flavor() != null && "dedicated".equals(build.flavor().extraSpecs().get(CPU_POLICY)));
    }

    public GuestSpec plan(BuildInstance build, HostPlan host, DevicesInUse others, GuestFiles files) {
        if (!build.host().equals(host.host())) {
            throw new BuildRefusedException("the build is for host " + build.host() + ", this is " + host.host());
        }
        FlavorSpec flavor = build.flavor();
        if (flavor == null || flavor.vcpus() < 1 || flavor.ramMb() < 1) {
            throw new BuildRefusedException("the flavor must give at least one vCPU and some memory: " + flavor);
        }
        List<PassthroughGpu> passthrough = new ArrayList<>();
        List<MediatedGpu> mediated = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ClaimedGpu claimed : build.gpus()) {
            if (claimed.providerName() == null || !seen.add(claimed.providerName())) {
                throw new BuildRefusedException("GPU provider " + claimed.provider()
                        + (claimed.providerName() == null ? " has no name" : " is claimed twice"));
            }
            GpuSlot slot = host.slot(claimed.providerName()).orElseThrow(() -> new BuildRefusedException(
                    "GPU provider " + claimed.providerName() + " is not a GPU of host " + host.host()
                            + " (it offers " + host.gpus().stream().map(GpuSlot::providerName).toList() + ")"));
            if (claimed.resourceClass() != null && !claimed.resourceClass().equals(slot.resourceClass())) {
                throw new BuildRefusedException("GPU " + slot.address() + " offers " + slot.resourceClass()
                        + ", the claim asks for " + claimed.resourceClass());
            }
            if (!slot.inService()) {
                throw new BuildRefusedException("GPU " + slot.address() + " is out of service on host " + host.host());
            }
            if (slot.passthrough()) {
                passthrough.add(wholeGpu(claimed, slot, others));
            } else {
                mediated.addAll(slices(build.instanceUuid(), claimed, slot, others));
            }
        }
        Optional<CpuPinning> pinning = Optional.empty();
        if ("dedicated".equals(flavor.extraSpecs().get(CPU_POLICY))) {
            pinning = Optional.of(CpuPinning.choose(CpuPinning.cellsOf(host.inventory().numaCells(), host.dedicatedCpus()),
                    gpuNodes(host.inventory(), passthrough, mediated), flavor.vcpus(), others.pinnedCpus()));
        }
        Optional<KernelBoot> kernelBoot = KernelBoot.fromImageProperties(build.imageProperties(), files);
        GuestLabels labels = new GuestLabels(Optional.ofNullable(build.build()).map(b -> b.name()),
                Optional.ofNullable(build.projectId()), Optional.ofNullable(build.userId()), flavor.name());
        return new GuestSpec(build.instanceUuid(), flavor.vcpus(), flavor.ramMb(), labels, passthrough, mediated,
                pinning, files, kernelBoot);
    }

    /**
     * The uuid of a guest's {@code index}-th mediated device on a provider: derived, not random, so a redelivered
     * build creates (or finds) the very same devices.
     */
    public static UUID mdevUuid(UUID instance, String providerName, int index) {
        return UUID.nameUUIDFromBytes((instance + "/" + providerName + "/" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static PassthroughGpu wholeGpu(ClaimedGpu claimed, GpuSlot slot, DevicesInUse others) {
        if (claimed.amount() != 1) {
            throw new BuildRefusedException("GPU " + slot.address() + " is passed through whole: the claim must be "
                    + "1 PGPU, not " + claimed.amount());
        }
        others.passedThrough(slot.address()).ifPresent(holder -> {
            throw new BuildRefusedException("GPU " + slot.address() + " is already passed through to domain "
                    + holder.name());
        });
        others.slicing(slot.address()).ifPresent(holder -> {
            throw new BuildRefusedException("GPU " + slot.address() + " already has mediated devices of domain "
                    + holder.name());
        });
        return new PassthroughGpu(slot.providerName(), slot.address());
    }

    private static List<MediatedGpu> slices(UUID instance, ClaimedGpu claimed, GpuSlot slot, DevicesInUse others) {
        if (claimed.amount() < 1) {
            throw new BuildRefusedException("the claim on GPU " + slot.address() + " is for " + claimed.amount()
                    + " slices");
        }
        others.passedThrough(slot.address()).ifPresent(holder -> {
            throw new BuildRefusedException("GPU " + slot.address() + " is passed through whole to domain "
                    + holder.name());
        });
        int used = others.mediatedOn(slot.address()).size();
        if (used + claimed.amount() > slot.total()) {
            throw new BuildRefusedException("GPU " + slot.address() + " has " + used + " of its " + slot.total() + " "
                    + slot.mdevType().orElseThrow() + " devices in use; " + claimed.amount() + " more do not fit");
        }
        List<MediatedGpu> slices = new ArrayList<>();
        for (int i = 0; i < claimed.amount(); i++) {
            slices.add(new MediatedGpu(slot.providerName(), slot.address(), slot.mdevType().orElseThrow(),
                    mdevUuid(instance, slot.providerName(), i)));
        }
        return slices;
    }

    private static Set<Integer> gpuNodes(HostInventory inventory, List<PassthroughGpu> passthrough,
            List<MediatedGpu> mediated) {
        Set<Integer> nodes = new TreeSet<>();
        passthrough.forEach(gpu -> inventory.gpu(gpu.address()).flatMap(GuestPlanner::node).ifPresent(nodes::add));
        mediated.forEach(mdev -> inventory.gpu(mdev.parent()).flatMap(GuestPlanner::node).ifPresent(nodes::add));
        return nodes;
    }

    private static Optional<Integer> node(GpuDevice gpu) {
        return gpu.numaNode().isPresent() ? Optional.of(gpu.numaNode().getAsInt()) : Optional.empty();
    }
}
