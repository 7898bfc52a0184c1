package io.gpucloud.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.gpucloud.agent.host.CpuTopology;
import io.gpucloud.agent.host.GpuDevice;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.host.MdevType;
import io.gpucloud.agent.host.NumaCell;
import io.gpucloud.agent.host.PciAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The simulated hosts of deploy/hosts, read through the real libvirt test driver with libvirt-java, exactly as
 * the agent reads them (HostDiscovery.forLibvirt).
 */
class SimulatedHostDiscoveryTest {

    @Test
    void a100HostHasEightA100sFourPerNumaNodeInNvlinkPairs() {
        HostInventory host = HostDiscovery.forLibvirt(SimulatedHosts.deployed("a100-8x-2numa.xml")).discover();

        assertThat(host.cpuModel()).isEqualTo("Icelake-Server");
        assertThat(host.cpuTopology()).isEqualTo(new CpuTopology(2, 40, 2));
        assertThat(host.vcpus()).isEqualTo(160);
        assertThat(host.memoryMb()).isEqualTo(1024 * 1024);
        assertThat(host.numaCells()).extracting(NumaCell::id, NumaCell::cpuList, NumaCell::memoryMb)
                .containsExactly(
                        tuple(0, "0-79", 512L * 1024),
                        tuple(1, "80-159", 512L * 1024));

        assertThat(host.gpus()).hasSize(8).allSatisfy(gpu -> {
            assertThat(gpu.model()).isEqualTo("A100-80GB");
            assertThat(gpu.productId()).isEqualTo(0x20b5);
            assertThat(gpu.memoryGb()).hasValue(80);
            assertThat(gpu.mdevTypes()).isEmpty();
            assertThat(gpu.mig()).isEmpty();
            assertThat(gpu.nvlinkPeers()).hasSize(1);
        });
        assertThat(addresses(host)).containsExactly("0000:17:00.0", "0000:31:00.0", "0000:4b:00.0", "0000:65:00.0",
                "0000:98:00.0", "0000:b1:00.0", "0000:ca:00.0", "0000:e3:00.0");
        assertThat(host.gpus()).extracting(gpu -> gpu.numaNode().getAsInt()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
        assertThat(host.gpus()).extracting(gpu -> gpu.iommuGroup().getAsInt())
                .containsExactly(21, 38, 55, 72, 89, 106, 123, 140);
        assertThat(host.gpus()).extracting(gpu -> gpu.nvlinkDomain().orElseThrow())
                .containsExactly("0", "0", "1", "1", "2", "2", "3", "3");
        assertThat(gpu(host, "0000:17:00.0").nvlinkPeers()).containsExactly(PciAddress.parse("0000:31:00.0"));
    }

    @Test
    void h100HostHasEightH100SxmOnOneNvlinkDomainAndItsNvswitchesAreNotGpus() {
        HostInventory host = HostDiscovery.forLibvirt(SimulatedHosts.deployed("h100-8x-sxm.xml")).discover();

        assertThat(host.vcpus()).isEqualTo(224);
        assertThat(host.memoryMb()).isEqualTo(2L * 1024 * 1024);
        assertThat(host.gpus()).hasSize(8).allSatisfy(gpu -> {
            assertThat(gpu.model()).isEqualTo("H100-SXM");
            assertThat(gpu.memoryGb()).hasValue(80);
            assertThat(gpu.nvlinkDomain()).hasValue("0");
            assertThat(gpu.nvlinkPeers()).hasSize(7).doesNotContain(gpu.address());
        });
        assertThat(addresses(host)).containsExactly("0000:18:00.0", "0000:2a:00.0", "0000:3a:00.0", "0000:5d:00.0",
                "0000:9a:00.0", "0000:ab:00.0", "0000:ba:00.0", "0000:db:00.0");
        assertThat(host.gpus()).extracting(gpu -> gpu.numaNode().getAsInt()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
        assertThat(host.gpus()).extracting(gpu -> gpu.iommuGroup().getAsInt()).doesNotHaveDuplicates();
    }

    @Test
    void l40sHostOffersVgpuMdevTypesOnEveryGpu() {
        HostInventory host = HostDiscovery.forLibvirt(SimulatedHosts.deployed("l40s-4x.xml")).discover();

        assertThat(host.cpuModel()).isEqualTo("AMD EPYC 9354 32-Core Processor");
        assertThat(addresses(host)).containsExactly("0000:01:00.0", "0000:41:00.0", "0000:81:00.0", "0000:c1:00.0");
        assertThat(host.gpus()).extracting(gpu -> gpu.numaNode().getAsInt()).containsExactly(0, 0, 1, 1);
        assertThat(host.gpus()).extracting(gpu -> gpu.iommuGroup().getAsInt()).containsExactly(13, 29, 45, 61);
        assertThat(host.gpus()).allSatisfy(gpu -> {
            assertThat(gpu.model()).isEqualTo("L40S");
            assertThat(gpu.memoryGb()).hasValue(48);
            assertThat(gpu.nvlinkDomain()).isEmpty();
            assertThat(gpu.mdevTypes()).containsExactly(
                    new MdevType("nvidia-1153", "NVIDIA L40S-4Q", 12),
                    new MdevType("nvidia-1155", "NVIDIA L40S-8Q", 6),
                    new MdevType("nvidia-1158", "NVIDIA L40S-24Q", 2));
        });
    }

    @Test
    void cpuOnlyHostHasNoGpusThoughItHasAVgaFunction() {
        HostInventory host = HostDiscovery.forLibvirt(SimulatedHosts.deployed("cpu-only.xml")).discover();

        assertThat(host.gpus()).isEmpty();
        assertThat(host.vcpus()).isEqualTo(128);
        assertThat(host.cpuTopology()).isEqualTo(new CpuTopology(2, 32, 2));
        assertThat(host.numaCells()).hasSize(2);
        assertThat(host.memoryMb()).isEqualTo(512 * 1024);
    }

    @Test
    void virtualFunctionsAudioFunctionsAndOtherVendorsAreNotGpusAndUnknownModelsKeepTheirId() {
        HostInventory host = new LibvirtDiscovery(SimulatedHosts.testOnly("odd-devices.xml")).discover();

        assertThat(addresses(host)).containsExactly("0000:01:00.0", "0000:02:00.0");
        GpuDevice l4 = gpu(host, "0000:01:00.0");
        assertThat(l4.model()).isEqualTo("L4");
        assertThat(l4.memoryGb()).hasValue(24);
        assertThat(l4.iommuGroup()).hasValue(7);
        assertThat(l4.numaNode()).as("a one-node host does not say").isEmpty();
        assertThat(l4.mdevTypes()).as("offered by its two virtual functions, one instance each")
                .containsExactly(new MdevType("nvidia-920", "NVIDIA L4-4Q", 2));

        GpuDevice unknown = gpu(host, "0000:02:00.0");
        assertThat(unknown.model()).isEqualTo("NVIDIA 10de:2230");
        assertThat(unknown.productId()).isEqualTo(0x2230);
        assertThat(unknown.memoryGb()).isEmpty();
        assertThat(unknown.iommuGroup()).as("IOMMU off").isEmpty();

        assertThat(host.numaCells()).containsExactly(
                new NumaCell(0, IntStream.range(0, 16).boxed().toList(), 64 * 1024));
    }

    @Test
    void aHostFileWithoutSideFileHasNoNvlinkDomains() {
        HostInventory host = new LibvirtDiscovery(SimulatedHosts.deployed("a100-8x-2numa.xml")).discover();

        assertThat(host.gpus()).hasSize(8)
                .allSatisfy(gpu -> assertThat(gpu.nvlinkDomain()).isEqualTo(Optional.empty()))
                .allSatisfy(gpu -> assertThat(gpu.nvlinkPeers()).isEqualTo(List.of()));
        assertThat(host.gpus().get(0).numaNode()).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void anUnreachableUriIsADiscoveryError() {
        assertThatThrownBy(() -> new LibvirtDiscovery("test:///nonexistent/host.xml").discover())
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("test:///nonexistent/host.xml");
    }

    static List<String> addresses(HostInventory host) {
        return host.gpus().stream().map(gpu -> gpu.address().toString()).toList();
    }

    static GpuDevice gpu(HostInventory host, String address) {
        return host.gpu(PciAddress.parse(address)).orElseThrow();
    }
}
