package io.gpucloud.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpucloud.agent.host.CpuTopology;
import io.gpucloud.agent.host.GpuDevice;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.host.MdevType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsDiscoveryTest {

    private static final Path L40S_TREE = SimulatedHosts.testResource("sysfs/l40s-4x");

    @Test
    void readsTheHostFromAFakeSysfsTree() {
        HostInventory host = new SysfsDiscovery(L40S_TREE).discover();

        assertThat(host.hostname()).isEqualTo("l40s-sim-01");
        assertThat(host.cpuModel()).isEqualTo("AMD EPYC 9354 32-Core Processor");
        assertThat(host.cpuTopology()).isEqualTo(new CpuTopology(2, 32, 2));
        assertThat(host.vcpus()).isEqualTo(128);
        assertThat(host.memoryMb()).isEqualTo(512 * 1024);
        assertThat(host.numaCells()).extracting(cell -> cell.cpuList()).containsExactly("0-63", "64-127");
        assertThat(SimulatedHostDiscoveryTest.addresses(host))
                .as("the ASPEED VGA function at 0000:03:00.0 is not NVIDIA")
                .containsExactly("0000:01:00.0", "0000:41:00.0", "0000:81:00.0", "0000:c1:00.0");
        GpuDevice first = host.gpus().get(0);
        assertThat(first.model()).isEqualTo("L40S");
        assertThat(first.numaNode()).hasValue(0);
        assertThat(first.iommuGroup()).hasValue(13);
        assertThat(first.mdevTypes()).contains(new MdevType("nvidia-1153", "NVIDIA L40S-4Q", 12));
    }

    @Test
    void givesTheSameModelAsLibvirtForTheEquivalentSimulatedHost() {
        HostInventory fromSysfs = new SysfsDiscovery(L40S_TREE).discover();
        HostInventory fromLibvirt = new LibvirtDiscovery(SimulatedHosts.deployed("l40s-4x.xml")).discover();

        // The test driver reports this machine's host name; everything else must match field for field.
        assertThat(fromSysfs).isEqualTo(fromLibvirt.withHostname(fromSysfs.hostname()));
    }

    @Test
    void aHostWithoutNumaOrPciDevicesIsOneCellWithoutGpus(@TempDir Path root) throws Exception {
        write(root, "proc/meminfo", "MemTotal:        8388608 kB\n");
        write(root, "sys/devices/system/cpu/online", "0-3\n");
        write(root, "sys/devices/system/cpu/cpu0/topology/thread_siblings_list", "0\n");
        write(root, "sys/devices/system/cpu/cpu0/topology/core_siblings_list", "0-3\n");

        HostInventory host = new SysfsDiscovery(root).discover();

        assertThat(host.hostname()).isEqualTo("localhost");
        assertThat(host.cpuModel()).isEqualTo("unknown");
        assertThat(host.cpuTopology()).isEqualTo(new CpuTopology(1, 4, 1));
        assertThat(host.numaCells()).singleElement()
                .satisfies(cell -> assertThat(cell.cpuList()).isEqualTo("0-3"))
                .satisfies(cell -> assertThat(cell.memoryMb()).isEqualTo(8192));
        assertThat(host.gpus()).isEmpty();
    }

    @Test
    void aGpuOnAOneNodeHostWithTheIommuOffHasNeitherNumaNodeNorIommuGroup(@TempDir Path root) throws Exception {
        write(root, "proc/meminfo", "MemTotal:        8388608 kB\n");
        write(root, "sys/devices/system/cpu/online", "0-3\n");
        write(root, "sys/devices/system/cpu/cpu0/topology/thread_siblings_list", "0\n");
        write(root, "sys/devices/system/cpu/cpu0/topology/core_siblings_list", "0-3\n");
        write(root, "sys/bus/pci/devices/0000:65:00.0/vendor", "0x10de\n");
        write(root, "sys/bus/pci/devices/0000:65:00.0/device", "0x2bb5\n");
        write(root, "sys/bus/pci/devices/0000:65:00.0/class", "0x030200\n");
        write(root, "sys/bus/pci/devices/0000:65:00.0/numa_node", "-1\n");
        write(root, "sys/bus/pci/devices/0000:65:00.1/vendor", "0x10de\n");
        write(root, "sys/bus/pci/devices/0000:65:00.1/device", "0x2bb5\n");
        write(root, "sys/bus/pci/devices/0000:65:00.1/class", "0x030200\n");
        Files.createSymbolicLink(root.resolve("sys/bus/pci/devices/0000:65:00.1/physfn"), Path.of("../0000:65:00.0"));
        write(root, "sys/bus/pci/devices/0000:65:00.1/mdev_supported_types/nvidia-999/available_instances", "1\n");

        HostInventory host = new SysfsDiscovery(root).discover();

        assertThat(host.gpus()).as("the virtual function is not a GPU of its own").singleElement().satisfies(gpu -> {
            assertThat(gpu.model()).isEqualTo("NVIDIA 10de:2bb5");
            assertThat(gpu.numaNode()).isEmpty();
            assertThat(gpu.iommuGroup()).isEmpty();
            assertThat(gpu.mdevTypes()).as("the VF's type, named by its id as it has no name file")
                    .containsExactly(new MdevType("nvidia-999", "nvidia-999", 1));
        });
    }

    @Test
    void aMissingTreeIsADiscoveryError(@TempDir Path root) {
        assertThatThrownBy(() -> new SysfsDiscovery(root.resolve("absent")).discover())
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("sysfs");
    }

    private static void write(Path root, String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
