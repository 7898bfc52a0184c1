package io.gpucloud.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpucloud.agent.discovery.NvidiaSmiOutput.SmiGpu;
import io.gpucloud.agent.host.PciAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NvidiaSmiOutputTest {

    @Test
    void readsTheGpuQuery() {
        List<SmiGpu> gpus = NvidiaSmiOutput.gpus("""
                0, 00000000:18:00.0, NVIDIA H100 80GB HBM3, 81559, Enabled
                1, 00000000:2A:00.0, NVIDIA H100 80GB HBM3, 81559, Disabled
                2, 00000000:3A:00.0, NVIDIA L40S, 46068, [N/A]
                3, 00000000:5D:00.0, NVIDIA L40S, [N/A], [Not Supported]
                """);

        assertThat(gpus).containsExactly(
                new SmiGpu(0, PciAddress.parse("0000:18:00.0"), "NVIDIA H100 80GB HBM3", OptionalLong.of(81559),
                        Optional.of(true)),
                new SmiGpu(1, PciAddress.parse("0000:2a:00.0"), "NVIDIA H100 80GB HBM3", OptionalLong.of(81559),
                        Optional.of(false)),
                new SmiGpu(2, PciAddress.parse("0000:3a:00.0"), "NVIDIA L40S", OptionalLong.of(46068),
                        Optional.empty()),
                new SmiGpu(3, PciAddress.parse("0000:5d:00.0"), "NVIDIA L40S", OptionalLong.empty(),
                        Optional.empty()));
        assertThatThrownBy(() -> NvidiaSmiOutput.gpus("0, 00000000:18:00.0\n")).isInstanceOf(DiscoveryException.class);
    }

    @Test
    void readsNvlinkPeersFromAnNvswitchMatrixWithTerminalEscapes() {
        String matrix = "\u001B[4m\tGPU0\tGPU1\tGPU2\tNIC0\tCPU Affinity\tNUMA Affinity\tGPU NUMA ID\u001B[0m\n"
                + "\u001B[4mGPU0\t\u001B[0m X \tNV18\tNV18\tPXB\t0-55\t0\t\tN/A\n"
                + "\u001B[4mGPU1\t\u001B[0m NV18\t X \tNV18\tSYS\t0-55\t0\t\tN/A\n"
                + "\u001B[4mGPU2\t\u001B[0m NV18\tNV18\t X \tSYS\t56-111\t1\t\tN/A\n"
                + "\u001B[4mNIC0\t\u001B[0m PXB\tSYS\tSYS\t X \n"
                + "\nLegend:\n\n  X    = Self\n  NV#  = Connection traversing a bonded set of # NVLinks\n";

        Map<Integer, TreeSet<Integer>> peers = NvidiaSmiOutput.nvlinkPeers(matrix);

        assertThat(peers).containsOnlyKeys(0, 1, 2);
        assertThat(peers.get(0)).containsExactly(1, 2);
        assertThat(peers.get(2)).containsExactly(0, 1);
    }

    @Test
    void aMatrixWithoutNvlinkHasNoPeers() {
        String matrix = "\tGPU0\tGPU1\tCPU Affinity\tNUMA Affinity\n"
                + "GPU0\t X \tSYS\t0-31\t0\n"
                + "GPU1\tSYS\t X \t32-63\t1\n";

        assertThat(NvidiaSmiOutput.nvlinkPeers(matrix).values()).allSatisfy(set -> assertThat(set).isEmpty());
        assertThat(NvlinkDomains.of(Map.of())).isEmpty();
    }

    @Test
    void domainsAreTheConnectedSetsNumberedFromTheLowestAddress() {
        PciAddress a = PciAddress.parse("0000:17:00.0");
        PciAddress b = PciAddress.parse("0000:31:00.0");
        PciAddress c = PciAddress.parse("0000:98:00.0");
        PciAddress d = PciAddress.parse("0000:b1:00.0");
        PciAddress e = PciAddress.parse("0000:ca:00.0");

        // Links given one way only, and a chain c-d-e without a direct c-e link: still one domain.
        Map<PciAddress, String> domains = NvlinkDomains.of(Map.of(d, Set.of(c), e, Set.of(d), b, Set.of(a)));

        assertThat(domains).containsExactlyInAnyOrderEntriesOf(Map.of(a, "0", b, "0", c, "1", d, "1", e, "1"));
    }
}
