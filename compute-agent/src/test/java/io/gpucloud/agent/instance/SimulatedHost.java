package io.gpucloud.agent.instance;

import io.gpucloud.agent.discovery.HostDiscovery;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.host.PciAddress;
import io.gpucloud.agent.inventory.GpuMode;
import io.gpucloud.agent.inventory.GpuSlot;
import io.gpucloud.agent.inventory.HostPlan;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.BuildInstance.ClaimedGpu;
import io.gpucloud.common.messaging.contract.BuildSpec;
import io.gpucloud.common.messaging.contract.FlavorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * One simulated host of deploy/hosts for a test: its plan (discovered through the real test driver, as the agent
 * does), one read-write test-driver connection kept for the whole test (the driver's domains live in it), a state
 * directory and an images directory with one small qcow2 base image.
 */
final class SimulatedHost implements AutoCloseable {

    // Surefire runs in the module directory.
    private static final Path DEPLOY_HOSTS = Path.of("..", "deploy", "hosts").toAbsolutePath().normalize();

    final String name;
    final String uri;
    final HostPlan plan;
    final Connect connect;
    final LibvirtConnection libvirt;
    final Path stateDir;
    final Path imagesDir;
    final UUID image = UUID.randomUUID();

    private SimulatedHost(String name, String uri, HostPlan plan, Path work) throws LibvirtException, IOException {
        this.name = name;
        this.uri = uri;
        this.plan = plan;
        this.connect = new Connect(uri);
        this.libvirt = LibvirtConnection.of(connect);
        this.stateDir = Files.createDirectories(work.resolve("state"));
        this.imagesDir = Files.createDirectories(work.resolve("images"));
        new ExternalCommand(Duration.ofSeconds(30)).run(List.of("qemu-img", "create", "-q", "-f", "qcow2",
                imagesDir.resolve(image.toString()).toString(), "1G"));
    }

    static String uri(String file) {
        return "test://" + DEPLOY_HOSTS.resolve(file);
    }

    static SimulatedHost open(String file, String hostName, Map<PciAddress, GpuMode> modes, Path work)
            throws LibvirtException, IOException {
        String uri = uri(file);
        HostInventory inventory = HostDiscovery.forLibvirt(uri).discover().withHostname(hostName);
        return new SimulatedHost(hostName, uri, HostPlan.of(hostName, inventory, modes, Set.of(), 2000, 0, 0), work);
    }

    InstanceDriver driver(boolean withConfigDrive, Duration stopTimeout) {
        return new InstanceDriver(libvirt, stateDir, new LocalImageDirectory(imagesDir), new QcowOverlay(),
                withConfigDrive ? Optional.of(new ConfigDrive()) : Optional.empty(), stopTimeout);
    }

    GpuSlot slot(String address) {
        return plan.gpus().stream().filter(slot -> slot.address().equals(PciAddress.parse(address))).findFirst()
                .orElseThrow();
    }

    ClaimedGpu claim(String address, int amount) {
        GpuSlot slot = slot(address);
        return new ClaimedGpu(UUID.randomUUID(), slot.providerName(), slot.resourceClass(), amount, Set.of());
    }

    BuildInstance build(FlavorSpec flavor, List<ClaimedGpu> gpus) {
        return build(UUID.randomUUID(), flavor, gpus, new BuildSpec("vm", image, null, null, null, Map.of()));
    }

    BuildInstance build(UUID instance, FlavorSpec flavor, List<ClaimedGpu> gpus, BuildSpec spec) {
        return new BuildInstance(instance, "project-1", "user-1", name, UUID.randomUUID(), 1, Map.of(), gpus, flavor,
                Map.of(), spec, List.of());
    }

    static FlavorSpec flavor(int vcpus, Map<String, String> extraSpecs) {
        return new FlavorSpec("vm.test", vcpus, 4096, 10, extraSpecs);
    }

    /** Names of every domain defined on this connection, running or not. */
    List<String> domainNames() throws LibvirtException {
        return java.util.Arrays.stream(connect.listAllDomains(0)).map(domain -> {
            try {
                return domain.getName();
            } catch (LibvirtException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Override
    public void close() throws LibvirtException {
        connect.close();
    }
}
