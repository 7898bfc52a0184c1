package io.gpucloud.agent.discovery;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.discovery.NvidiaSmiOutput.SmiGpu;
import io.gpucloud.agent.host.GpuDevice;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.host.MigInfo;
import io.gpucloud.agent.host.MigProfile;
import io.gpucloud.agent.host.PciAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds what only the NVIDIA driver knows to the GPUs it can see: MIG mode and GPU-instance profiles
 * ({@code nvidia-smi mig -lgip}), NVLink peers and domains ({@code nvidia-smi topo -m}), and memory for models
 * the product-id table does not know. GPUs are matched by PCI address; a GPU the driver does not see (bound to
 * vfio-pci for passthrough) keeps what libvirt or sysfs said. Without nvidia-smi this changes nothing.
 */
public final class NvidiaSmiEnrichment implements InventoryEnrichment {

    private static final Logger log = LoggerFactory.getLogger(NvidiaSmiEnrichment.class);

    private final NvidiaSmi nvidiaSmi;

    public NvidiaSmiEnrichment(NvidiaSmi nvidiaSmi) {
        this.nvidiaSmi = requireNonNull(nvidiaSmi, "nvidiaSmi is null");
    }

    @Override
    public HostInventory enrich(HostInventory inventory) {
        Optional<String> query = nvidiaSmi.run(NvidiaSmiOutput.QUERY_GPUS);
        if (query.isEmpty()) {
            return inventory;
        }
        List<SmiGpu> seen = NvidiaSmiOutput.gpus(query.get());
        Map<PciAddress, SmiGpu> byAddress = new HashMap<>();
        Map<Integer, PciAddress> addressByIndex = new HashMap<>();
        for (SmiGpu gpu : seen) {
            byAddress.put(gpu.address(), gpu);
            addressByIndex.put(gpu.index(), gpu.address());
        }
        Map<Integer, List<MigProfile>> profiles = seen.stream().anyMatch(gpu -> gpu.migEnabled().orElse(false))
                ? nvidiaSmi.run(NvidiaSmiOutput.MIG_PROFILES).map(NvidiaSmiOutput::migProfiles).orElse(Map.of())
                : Map.of();
        Map<PciAddress, Set<PciAddress>> peers = seen.size() > 1
                ? nvidiaSmi.run(NvidiaSmiOutput.TOPOLOGY).map(t -> peersByAddress(t, addressByIndex)).orElse(Map.of())
                : Map.of();
        Map<PciAddress, String> domains = NvlinkDomains.of(peers);
        log.debug("nvidia-smi sees {} GPU(s), {} NVLink domain(s)", seen.size(), Set.copyOf(domains.values()).size());
        return inventory.withGpus(gpu -> {
            SmiGpu smi = byAddress.get(gpu.address());
            if (smi == null) {
                return gpu;
            }
            GpuDevice enriched = gpu;
            if (enriched.memoryGb().isEmpty() && smi.memoryMib().isPresent()) {
                enriched = enriched.withMemoryGb((int) Math.round(smi.memoryMib().getAsLong() / 1024.0));
            }
            if (smi.migEnabled().isPresent()) {
                boolean enabled = smi.migEnabled().get();
                enriched = enriched.withMig(new MigInfo(enabled,
                        enabled ? profiles.getOrDefault(smi.index(), List.of()) : List.of()));
            }
            String domain = domains.get(gpu.address());
            if (domain != null) {
                enriched = enriched.withNvlink(domain, new ArrayList<>(peers.get(gpu.address())));
            }
            return enriched;
        });
    }

    private static Map<PciAddress, Set<PciAddress>> peersByAddress(String matrix, Map<Integer, PciAddress> byIndex) {
        Map<PciAddress, Set<PciAddress>> peers = new TreeMap<>();
        NvidiaSmiOutput.nvlinkPeers(matrix).forEach((gpu, linked) -> {
            PciAddress address = byIndex.get(gpu);
            if (address == null) {
                return;
            }
            // The matrix is symmetric; both directions are recorded anyway so that a half-printed row cannot
            // leave a GPU in a domain without peers.
            linked.stream().map(byIndex::get).filter(peer -> peer != null).forEach(peer -> {
                peers.computeIfAbsent(address, k -> new TreeSet<>()).add(peer);
                peers.computeIfAbsent(peer, k -> new TreeSet<>()).add(address);
            });
        });
        return peers;
    }
}
