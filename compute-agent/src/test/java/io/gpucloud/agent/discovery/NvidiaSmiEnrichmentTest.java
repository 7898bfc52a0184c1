package io.gpucloud.agent.discovery;

import static io.gpucloud.agent.discovery.SimulatedHostDiscoveryTest.gpu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.gpucloud.agent.host.GpuDevice;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.host.MigInfo;
import io.gpucloud.agent.host.MigProfile;
import io.gpucloud.agent.host.PciAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class NvidiaSmiEnrichmentTest {

    /** The A100 host as libvirt alone sees it: no MIG, no NVLink. */
    private final HostInventory a100Host =
            new LibvirtDiscovery(SimulatedHosts.deployed("a100-8x-2numa.xml")).discover();

    private final FakeNvidiaSmi a100Smi = new FakeNvidiaSmi()
            .answer(NvidiaSmiOutput.QUERY_GPUS, "a100-8x-query-gpu.csv")
            .answer(NvidiaSmiOutput.MIG_PROFILES, "a100-8x-mig-lgip.txt")
            .answer(NvidiaSmiOutput.TOPOLOGY, "a100-8x-topo-m.txt");

    @Test
    void addsMigModeAndProfilesToTheGpusNvidiaSmiReports() {
        HostInventory host = new NvidiaSmiEnrichment(a100Smi).enrich(a100Host);

        MigInfo mig = gpu(host, "0000:17:00.0").mig().orElseThrow();
        assertThat(mig.enabled()).isTrue();
        assertThat(mig.profiles()).extracting(MigProfile::name)
                .containsExactly("1g.10gb", "1g.10gb+me", "1g.20gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb");
        assertThat(mig.profiles().get(0)).isEqualTo(new MigProfile("1g.10gb", 19, 5, 7, 9728));
        assertThat(gpu(host, "0000:31:00.0").mig()).contains(new MigInfo(false, List.of()));
    }

    @Test
    void nvlinkDomainsFromTheTopologyMatrixMatchTheSimulatedHostsSideFile() {
        HostInventory fromNvidiaSmi = new NvidiaSmiEnrichment(a100Smi).enrich(a100Host);
        HostInventory fromSideFile = SimulatedTopology
                .read(SimulatedHosts.deployedFile("a100-8x-2numa.topology.properties")).enrich(a100Host);

        assertThat(fromNvidiaSmi.gpus()).extracting(GpuDevice::nvlinkDomain, GpuDevice::nvlinkPeers)
                .isEqualTo(fromSideFile.gpus().stream()
                        .map(gpu -> tuple(gpu.nvlinkDomain(), gpu.nvlinkPeers()))
                        .toList());
        assertThat(gpu(fromNvidiaSmi, "0000:ca:00.0").nvlinkPeers()).containsExactly(PciAddress.parse("0000:e3:00.0"));
    }

    @Test
    void withoutNvidiaSmiTheInventoryIsUnchanged() {
        FakeNvidiaSmi absent = FakeNvidiaSmi.absent();

        assertThat(new NvidiaSmiEnrichment(absent).enrich(a100Host)).isEqualTo(a100Host);
        assertThat(absent.calls).containsExactly(NvidiaSmiOutput.QUERY_GPUS);
    }

    @Test
    void gpusTheDriverDoesNotSeeKeepWhatLibvirtSaid() {
        // GPUs bound to vfio-pci for passthrough are invisible to nvidia-smi; here it sees only the first two.
        FakeNvidiaSmi partial = new FakeNvidiaSmi().answerText(NvidiaSmiOutput.QUERY_GPUS, """
                0, 00000000:17:00.0, NVIDIA A100 80GB PCIe, 81920, Disabled
                1, 00000000:31:00.0, NVIDIA A100 80GB PCIe, 81920, Disabled
                """);

        HostInventory host = new NvidiaSmiEnrichment(partial).enrich(a100Host);

        assertThat(gpu(host, "0000:17:00.0").mig()).contains(new MigInfo(false, List.of()));
        assertThat(gpu(host, "0000:98:00.0")).isEqualTo(gpu(a100Host, "0000:98:00.0"));
        assertThat(partial.calls).as("no MIG GPU, so no profile listing").doesNotContain(NvidiaSmiOutput.MIG_PROFILES);
    }

    @Test
    void memoryOfAModelTheTableDoesNotKnowComesFromNvidiaSmi() {
        HostInventory odd = new LibvirtDiscovery(SimulatedHosts.testOnly("odd-devices.xml")).discover();
        FakeNvidiaSmi smi = new FakeNvidiaSmi().answerText(NvidiaSmiOutput.QUERY_GPUS, """
                0, 00000000:01:00.0, NVIDIA L4, 23034, [N/A]
                1, 00000000:02:00.0, NVIDIA RTX A6000, 49140, [N/A]
                """);

        HostInventory host = new NvidiaSmiEnrichment(smi).enrich(odd);

        assertThat(gpu(host, "0000:02:00.0").memoryGb()).hasValue(48);
        assertThat(gpu(host, "0000:02:00.0").model()).as("the name stays the product id").isEqualTo("NVIDIA 10de:2230");
        assertThat(gpu(host, "0000:01:00.0").memoryGb()).as("the table wins where it knows").hasValue(24);
        assertThat(host.gpus()).allSatisfy(gpu -> assertThat(gpu.mig()).isEmpty());
    }
}
