package io.gpucloud.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpucloud.agent.host.HostInventory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostDiscoveryTest {

    private static final Path L40S_TREE = SimulatedHosts.testResource("sysfs/l40s-4x");

    /** A libvirt whose connection has no node-device driver. */
    private static final DiscoverySource NO_NODE_DEVICES = new DiscoverySource() {
        @Override
        public HostInventory discover() {
            throw new NodeDevicesUnsupportedException("libvirt qemu:///system cannot list node devices", null);
        }

        @Override
        public String describe() {
            return "libvirt qemu:///system";
        }
    };

    @Test
    void readsTheWholeHostFromSysfsWhenLibvirtCannotListNodeDevices() {
        HostDiscovery discovery = new HostDiscovery(NO_NODE_DEVICES, Optional.of(new SysfsDiscovery(L40S_TREE)),
                List.of(new NvidiaSmiEnrichment(FakeNvidiaSmi.absent())));

        HostInventory host = discovery.discover();

        assertThat(host).isEqualTo(new SysfsDiscovery(L40S_TREE).discover());
        assertThat(host.gpus()).hasSize(4);
    }

    @Test
    void withoutAFallbackTheMissingNodeDeviceSupportIsTheError() {
        HostDiscovery discovery = new HostDiscovery(NO_NODE_DEVICES, Optional.empty(), List.of());

        assertThatThrownBy(discovery::discover).isInstanceOf(NodeDevicesUnsupportedException.class);
    }

    @Test
    void onlyTestDriverUrisNamingAFileAreSimulatedHosts() {
        assertThat(HostDiscovery.simulatedHostFile("test:///opt/gpucloud/hosts/h100-8x-sxm.xml"))
                .contains(Path.of("/opt/gpucloud/hosts/h100-8x-sxm.xml"));
        assertThat(HostDiscovery.simulatedHostFile("test:///default")).isEmpty();
        assertThat(HostDiscovery.simulatedHostFile("qemu:///system")).isEmpty();
    }
}
