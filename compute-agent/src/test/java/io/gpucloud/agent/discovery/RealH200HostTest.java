package io.gpucloud.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.agent.host.CpuTopology;
import io.gpucloud.agent.host.GpuDevice;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.host.MigInfo;
import io.gpucloud.agent.host.MigProfile;
import io.gpucloud.agent.host.PciAddress;
import io.gpucloud.agent.inventory.GpuSlot;
import io.gpucloud.agent.inventory.HostPlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Discovery against what a real NVIDIA host answered: one H200 passed through to a Firecracker VM, driver
 * 580.159.04 (captured by {@code deploy/device-check/capture.sh}; see {@code nvidia-smi/README.md}). On that host
 * the agent's own discovery printed the inventory these tests expect.
 */
class RealH200HostTest {

    private final FakeNvidiaSmi h200Smi = new FakeNvidiaSmi()
            .answer(NvidiaSmiOutput.QUERY_GPUS, "h200-1x-query-gpu.csv")
            .answer(NvidiaSmiOutput.MIG_PROFILES, "h200-1x-mig-lgip.txt")
            .answer(NvidiaSmiOutput.TOPOLOGY, "h200-1x-topo-m.txt");

    private HostInventory discover() {
        return new HostDiscovery(new SysfsDiscovery(SimulatedHosts.testResource("sysfs/h200-1x-vm")),
                Optional.empty(), List.of(new NvidiaSmiEnrichment(h200Smi))).discover();
    }

    @Test
    void findsTheH200WithItsMemoryAndMigModeAndNothingElse() {
        HostInventory host = discover();

        assertThat(host.cpuModel()).isEqualTo("Intel(R) Xeon(R) Processor");
        assertThat(host.cpuTopology()).isEqualTo(new CpuTopology(1, 16, 1));
        assertThat(host.vcpus()).isEqualTo(16);
        assertThat(host.numaCells()).singleElement().satisfies(cell -> assertThat(cell.cpuList()).isEqualTo("0-15"));
        GpuDevice gpu = host.gpus().get(0);
        assertThat(host.gpus()).as("the host bridge and five virtio functions are not GPUs").hasSize(1);
        assertThat(gpu.address()).isEqualTo(PciAddress.parse("0000:00:06.0"));
        assertThat(gpu.model()).isEqualTo("H200");
        assertThat(gpu.memoryGb()).hasValue(141);
        assertThat(gpu.numaNode()).as("numa_node is -1 inside the VM").isEmpty();
        assertThat(gpu.iommuGroup()).as("the VM has no IOMMU").isEmpty();
        assertThat(gpu.mig()).contains(new MigInfo(false, List.of()));
        assertThat(gpu.nvlinkDomain()).isEmpty();
        assertThat(h200Smi.calls).as("MIG is off and there is one GPU: no profile listing, no topology")
                .containsExactly(NvidiaSmiOutput.QUERY_GPUS);
    }

    @Test
    void offersTheGpuAsOnePgpuWithModelAndMemoryTraits() {
        HostInventory host = discover();

        HostPlan plan = HostPlan.of(host.hostname(), host, Map.of(), Set.of(), 100, 0, 0);

        assertThat(plan.gpus()).singleElement().satisfies(slot -> {
            assertThat(slot.providerName()).isEqualTo("vm_pci_0000_00_06_0");
            assertThat(slot.resourceClass()).isEqualTo("PGPU");
            assertThat(slot.total()).isEqualTo(1);
            assertThat(slot.traits()).containsExactlyInAnyOrder("CUSTOM_GPU_NVIDIA_H200", "CUSTOM_GPU_MEMORY_141GB");
        });
        assertThat(plan.gpus()).allMatch(GpuSlot::inService);
    }

    @Test
    void readsTheDriversMigProfileListingEvenWithMigOff() {
        // nvidia-smi 580 lists an H200's GPU-instance profiles while MIG is disabled; memory is in GiB.
        Map<Integer, List<MigProfile>> profiles =
                NvidiaSmiOutput.migProfiles(FakeNvidiaSmi.captured("h200-1x-mig-lgip.txt"));

        assertThat(profiles.keySet()).containsExactly(0);
        assertThat(profiles.get(0)).extracting(MigProfile::name).containsExactly(
                "1g.18gb", "1g.18gb+me", "1g.35gb", "2g.35gb", "3g.71gb", "4g.71gb", "7g.141gb");
        assertThat(profiles.get(0).get(0)).isEqualTo(new MigProfile("1g.18gb", 19, 7, 7, 16 * 1024));
        assertThat(profiles.get(0).get(6)).isEqualTo(new MigProfile("7g.141gb", 0, 1, 1, 140 * 1024));
    }

    @Test
    void aOneGpuTopologyMatrixWithTerminalEscapesHasNoPeers() {
        assertThat(NvidiaSmiOutput.nvlinkPeers(FakeNvidiaSmi.captured("h200-1x-topo-m.txt")))
                .isEqualTo(Map.of(0, new TreeSet<Integer>()));
    }
}
