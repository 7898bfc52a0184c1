package io.gpucloud.agent.discovery;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.host.GpuDevice;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.host.PciAddress;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a simulated host has that libvirt's node-device XML cannot say: its NVLink domains. On a real host
 * nvidia-smi reports them; a host file for the test driver ({@code deploy/hosts/h100-8x-sxm.xml}) gets a side file
 * beside it, named after it ({@code h100-8x-sxm.topology.properties}):
 * <pre>
 * # nvlink.domain.&lt;id&gt;=&lt;PCI address&gt;,...   GPUs of one NVLink domain; each GPU's peers are the others
 * nvlink.domain.0=0000:18:00.0,0000:2a:00.0
 * </pre>
 * Every address must be a GPU of the host file, and in one domain only; a typo fails discovery rather than
 * silently leaving a GPU out of its domain.
 */
public final class SimulatedTopology implements InventoryEnrichment {

    static final String SUFFIX = ".topology.properties";
    private static final String DOMAIN_PREFIX = "nvlink.domain.";

    private final Path file;
    private final Map<String, List<PciAddress>> domains;

    private SimulatedTopology(Path file, Map<String, List<PciAddress>> domains) {
        this.file = file;
        this.domains = domains;
    }

    /** The side file of a test-driver host file, if there is one. */
    public static Optional<SimulatedTopology> besideHostFile(Path hostFile) {
        String name = hostFile.getFileName().toString();
        String base = name.endsWith(".xml") ? name.substring(0, name.length() - 4) : name;
        Path file = hostFile.resolveSibling(base + SUFFIX);
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    public static SimulatedTopology read(Path file) {
        requireNonNull(file, "file is null");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new DiscoveryException("cannot read " + file + ": " + e, e);
        }
        Map<String, List<PciAddress>> domains = new TreeMap<>();
        Map<PciAddress, String> seen = new TreeMap<>();
        for (String key : new TreeMap<>(properties).keySet().stream().map(Object::toString).toList()) {
            if (!key.startsWith(DOMAIN_PREFIX) || key.length() == DOMAIN_PREFIX.length()) {
                throw new DiscoveryException(file + ": unknown key '" + key + "' (expected nvlink.domain.<id>)");
            }
            String domain = key.substring(DOMAIN_PREFIX.length());
            List<PciAddress> members = new ArrayList<>();
            for (String text : properties.getProperty(key).split(",")) {
                if (text.isBlank()) {
                    continue;
                }
                PciAddress address;
                try {
                    address = PciAddress.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new DiscoveryException(file + ": " + key + ": " + e.getMessage(), e);
                }
                String previous = seen.putIfAbsent(address, domain);
                if (previous != null) {
                    throw new DiscoveryException(file + ": " + address + " is in NVLink domains " + previous
                            + " and " + domain);
                }
                members.add(address);
            }
            domains.put(domain, List.copyOf(members));
        }
        return new SimulatedTopology(file, domains);
    }

    @Override
    public HostInventory enrich(HostInventory inventory) {
        Map<PciAddress, String> domainOf = new TreeMap<>();
        domains.forEach((domain, members) -> members.forEach(address -> {
            if (inventory.gpu(address).isEmpty()) {
                throw new DiscoveryException(file + ": NVLink domain " + domain + " names " + address
                        + ", which is not a GPU of the host");
            }
            domainOf.put(address, domain);
        }));
        return inventory.withGpus(gpu -> {
            String domain = domainOf.get(gpu.address());
            return domain == null ? gpu : gpu.withNvlink(domain, peers(gpu, domains.get(domain)));
        });
    }

    private static List<PciAddress> peers(GpuDevice gpu, List<PciAddress> members) {
        return members.stream().filter(address -> !address.equals(gpu.address())).toList();
    }
}
