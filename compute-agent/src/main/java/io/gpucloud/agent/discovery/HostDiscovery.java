package io.gpucloud.agent.discovery;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.host.HostInventory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery as the agent runs it: one source builds the inventory, then enrichments add to its GPUs.
 * <ul>
 *   <li>{@code test:///abs/path/host.xml}: libvirt's test driver with a simulated host, plus its side file
 *       ({@link SimulatedTopology}) when there is one. nvidia-smi is not asked: the machine's own GPUs, if any, are
 *       not the simulated host's.</li>
 *   <li>any other libvirt URI: libvirt, then nvidia-smi. If libvirt cannot list node devices, the whole inventory
 *       comes from sysfs instead (never half from each).</li>
 *   <li>{@link #forSysfs(Path)}: sysfs, then nvidia-smi, without libvirt.</li>
 * </ul>
 */
public final class HostDiscovery {

    private static final Logger log = LoggerFactory.getLogger(HostDiscovery.class);
    private static final String TEST_DRIVER_FILE_PREFIX = "test:///";

    private final DiscoverySource source;
    private final Optional<DiscoverySource> withoutNodeDevices;
    private final List<InventoryEnrichment> enrichments;

    /**
     * @param source             reads the inventory
     * @param withoutNodeDevices reads it instead when {@code source} throws {@link NodeDevicesUnsupportedException}
     * @param enrichments        applied in order to whichever inventory was read
     */
    public HostDiscovery(DiscoverySource source, Optional<DiscoverySource> withoutNodeDevices,
            List<InventoryEnrichment> enrichments) {
        this.source = requireNonNull(source, "source is null");
        this.withoutNodeDevices = requireNonNull(withoutNodeDevices, "withoutNodeDevices is null");
        this.enrichments = List.copyOf(requireNonNull(enrichments, "enrichments is null"));
    }

    /** Discovery through libvirt at {@code uri}, as described on the class. */
    public static HostDiscovery forLibvirt(String uri) {
        requireNonNull(uri, "uri is null");
        Optional<Path> hostFile = simulatedHostFile(uri);
        if (hostFile.isPresent()) {
            List<InventoryEnrichment> enrichments = new ArrayList<>();
            SimulatedTopology.besideHostFile(hostFile.get()).ifPresent(enrichments::add);
            return new HostDiscovery(new LibvirtDiscovery(uri), Optional.empty(), enrichments);
        }
        return new HostDiscovery(new LibvirtDiscovery(uri), Optional.of(new SysfsDiscovery(Path.of("/"))),
                List.of(new NvidiaSmiEnrichment(ProcessNvidiaSmi.onPath())));
    }

    /** Discovery from sysfs under {@code root} (normally {@code /}) and nvidia-smi, without libvirt. */
    public static HostDiscovery forSysfs(Path root) {
        return new HostDiscovery(new SysfsDiscovery(root), Optional.empty(),
                List.of(new NvidiaSmiEnrichment(ProcessNvidiaSmi.onPath())));
    }

    /** The host file of a {@code test:///abs/path.xml} URI; empty for other URIs and {@code test:///default}. */
    static Optional<Path> simulatedHostFile(String uri) {
        if (!uri.startsWith(TEST_DRIVER_FILE_PREFIX) || !uri.endsWith(".xml")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(uri.substring(TEST_DRIVER_FILE_PREFIX.length() - 1)));
    }

    public HostInventory discover() {
        HostInventory inventory;
        try {
            inventory = source.discover();
        } catch (NodeDevicesUnsupportedException e) {
            if (withoutNodeDevices.isEmpty()) {
                throw e;
            }
            log.info("{}; reading the host from {} instead", e.getMessage(), withoutNodeDevices.get().describe());
            inventory = withoutNodeDevices.get().discover();
        }
        for (InventoryEnrichment enrichment : enrichments) {
            inventory = enrichment.enrich(inventory);
        }
        return inventory;
    }
}
