package io.gpucloud.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpucloud.agent.host.HostInventory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedTopologyTest {

    private final HostInventory a100Host =
            new LibvirtDiscovery(SimulatedHosts.deployed("a100-8x-2numa.xml")).discover();

    @Test
    void theSideFileIsFoundBesideTheHostFile() {
        assertThat(SimulatedTopology.besideHostFile(SimulatedHosts.deployedFile("a100-8x-2numa.xml"))).isPresent();
        assertThat(SimulatedTopology.besideHostFile(SimulatedHosts.deployedFile("l40s-4x.xml"))).isEmpty();
    }

    @Test
    void anAddressThatIsNotAGpuOfTheHostFailsDiscovery(@TempDir Path directory) throws Exception {
        Path file = write(directory, "nvlink.domain.0=0000:17:00.0,0000:18:00.0\n");

        assertThatThrownBy(() -> SimulatedTopology.read(file).enrich(a100Host))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("0000:18:00.0, which is not a GPU of the host");
    }

    @Test
    void aGpuInTwoDomainsOrAnUnknownKeyIsRefused(@TempDir Path directory) throws Exception {
        Path twice = write(directory, "nvlink.domain.a=0000:17:00.0,0000:31:00.0\nnvlink.domain.b=0000:31:00.0\n");
        assertThatThrownBy(() -> SimulatedTopology.read(twice))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("0000:31:00.0 is in NVLink domains a and b");

        Path typo = write(directory, "nvlink.domian.0=0000:17:00.0\n");
        assertThatThrownBy(() -> SimulatedTopology.read(typo))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("unknown key 'nvlink.domian.0'");
    }

    private static Path write(Path directory, String text) throws Exception {
        Path file = Files.createTempFile(directory, "host", SimulatedTopology.SUFFIX);
        Files.writeString(file, text);
        return file;
    }
}
