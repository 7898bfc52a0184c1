package io.gpucloud.agent.domain;

import io.gpucloud.agent.host.CpuTopology;
import io.gpucloud.agent.host.GpuDevice;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.host.MdevType;
import io.gpucloud.agent.host.NumaCell;
import io.gpucloud.agent.host.PciAddress;
import io.gpucloud.agent.inventory.GpuMode;
import io.gpucloud.agent.inventory.GpuSlot;
import io.gpucloud.agent.inventory.HostPlan;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.BuildInstance.ClaimedGpu;
import io.gpucloud.common.messaging.contract.BuildSpec;
import io.gpucloud.common.messaging.contract.FlavorSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Hosts built by hand, for planning and XML tests that need no libvirt: an A100 host shaped like
 * deploy/hosts/a100-8x-2numa.xml but with interleaved NUMA CPU numbering (as real dual-socket hosts have, and the test
 * driver cannot express), and an L40S host offering vGPU slices.
 */
final class Hosts {

    static final List<String> A100_ADDRESSES = List.of("0000:17:00.0", "0000:31:00.0", "0000:4b:00.0",
            "0000:65:00.0", "0000:98:00.0", "0000:b1:00.0", "0000:ca:00.0", "0000:e3:00.0");
    static final GuestFiles FILES = new GuestFiles(Path.of("/state/instances/x/disk.qcow2"),
            java.util.Optional.of(Path.of("/state/instances/x/config.iso")), Path.of("/state/instances/x/console.log"),
            Path.of("/state/instances/x/kernel"), Path.of("/state/instances/x/ramdisk"));

    private Hosts() {}

    /** Node 0: CPUs 0-39 and 80-119; node 1: 40-79 and 120-159. GPUs 0-3 on node 0, 4-7 on node 1. */
    static HostPlan a100() {
        List<NumaCell> cells = List.of(
                new NumaCell(0, concat(IntStream.range(0, 40), IntStream.range(80, 120)), 512 * 1024),
                new NumaCell(1, concat(IntStream.range(40, 80), IntStream.range(120, 160)), 512 * 1024));
        List<GpuDevice> gpus = IntStream.range(0, 8).mapToObj(i -> GpuDevice.fromPci(
                PciAddress.parse(A100_ADDRESSES.get(i)), 0x10de, 0x20b5, OptionalInt.of(i < 4 ? 0 : 1),
                OptionalInt.of(20 + i), List.of())).toList();
        HostInventory inventory = new HostInventory("a100-host", "Icelake-Server", new CpuTopology(2, 40, 2), 160,
                1024 * 1024, cells, gpus);
        return HostPlan.of("a100-host", inventory, Map.of(), Set.of(), 2000, 0, 0);
    }

    /** Two L40S offered as NVIDIA L40S-4Q vGPUs (nvidia-1153, 12 each), one on each node. */
    static HostPlan l40s() {
        List<NumaCell> cells = List.of(new NumaCell(0, IntStream.range(0, 64).boxed().toList(), 256 * 1024),
                new NumaCell(1, IntStream.range(64, 128).boxed().toList(), 256 * 1024));
        List<MdevType> types = List.of(new MdevType("nvidia-1153", "NVIDIA L40S-4Q", 12));
        List<GpuDevice> gpus = List.of(
                GpuDevice.fromPci(PciAddress.parse("0000:01:00.0"), 0x10de, 0x26b9, OptionalInt.of(0),
                        OptionalInt.of(1), types),
                GpuDevice.fromPci(PciAddress.parse("0000:81:00.0"), 0x10de, 0x26b9, OptionalInt.of(1),
                        OptionalInt.of(2), types));
        HostInventory inventory = new HostInventory("l40s-host", "EPYC", new CpuTopology(2, 32, 2), 128, 512 * 1024,
                cells, gpus);
        Map<PciAddress, GpuMode> modes = Map.of(
                PciAddress.parse("0000:01:00.0"), GpuMode.parse("vgpu:nvidia-1153"),
                PciAddress.parse("0000:81:00.0"), GpuMode.parse("vgpu:nvidia-1153"));
        return HostPlan.of("l40s-host", inventory, modes, Set.of(), 2000, 0, 0);
    }

    static GpuSlot slot(HostPlan plan, String address) {
        return plan.gpus().stream().filter(slot -> slot.address().equals(PciAddress.parse(address))).findFirst()
                .orElseThrow();
    }

    static ClaimedGpu claim(GpuSlot slot, int amount) {
        return new ClaimedGpu(UUID.randomUUID(), slot.providerName(), slot.resourceClass(), amount, Set.of());
    }

    static BuildInstance build(HostPlan plan, FlavorSpec flavor, List<ClaimedGpu> gpus) {
        return build(UUID.randomUUID(), plan.host(), flavor, gpus, "vm");
    }

    static BuildInstance build(UUID instance, String host, FlavorSpec flavor, List<ClaimedGpu> gpus, String name) {
        return new BuildInstance(instance, "project-1", "user-1", host, UUID.randomUUID(), 1, Map.of(), gpus, flavor,
                Map.of(), new BuildSpec(name, UUID.randomUUID(), null, null, null, Map.of()), List.of());
    }

    static FlavorSpec flavor(int vcpus, Map<String, String> extraSpecs) {
        return new FlavorSpec("vm.test", vcpus, 8192, 20, extraSpecs);
    }

    private static List<Integer> concat(IntStream first, IntStream second) {
        return IntStream.concat(first, second).boxed().toList();
    }

    static Set<Integer> range(int from, int to) {
        return Set.copyOf(IntStream.range(from, to).boxed().toList());
    }
}
