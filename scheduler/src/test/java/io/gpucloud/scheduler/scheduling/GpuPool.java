package io.gpucloud.scheduler.scheduling;

import io.gpucloud.common.compute.GpuTraits;
import io.gpucloud.common.compute.NamedAggregates;
import io.gpucloud.scheduler.candidate.ProviderRows;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * GPU hosts as the agent registers them (DESIGN.md's GPU model): a root with VCPU, MEMORY_MB and DISK_GB in an
 * availability zone's aggregate, one child per GPU with PGPU:1 and traits for model and NVLink domain.
 */
final class GpuPool {

    static final String A100 = GpuTraits.MODEL_PREFIX + "A100_80GB";
    static final String H100 = GpuTraits.MODEL_PREFIX + "H100_SXM";

    /** A registered host: its root and its GPUs in order. */
    record Host(String name, UUID root, List<UUID> gpus) {
    }

    private final ProviderRows rows;

    GpuPool(ProviderRows rows) {
        this.rows = rows;
    }

    /**
     * A host with {@code gpus} GPUs of the model, split into NVLink domains of {@code domainSize}; the GPUs
     * listed in {@code used} already hold an allocation of another instance.
     */
    Host host(String name, String zone, String model, int gpus, int domainSize, int... used) {
        UUID root = rows.root(name);
        rows.inventory(root, "VCPU", 64).inventory(root, "MEMORY_MB", 512_000).inventory(root, "DISK_GB", 2_000)
                .aggregate(root, NamedAggregates.availabilityZone(zone));
        List<UUID> children = new ArrayList<>();
        for (int g = 0; g < gpus; g++) {
            UUID gpu = rows.child(root, name + "_gpu" + g);
            rows.inventory(gpu, "PGPU", 1).traits(gpu, model, GpuTraits.nvlinkDomain(name + "_" + g / domainSize));
            children.add(gpu);
        }
        for (int g : used) {
            rows.allocate(children.get(g), "PGPU", 1);
        }
        return new Host(name, root, List.copyOf(children));
    }

    /**
     * A host with NUMA providers under its root and {@code gpusPerNode} GPUs under each (no NVLink traits); the
     * GPUs listed in {@code used} (counted across nodes) are taken.
     */
    Host numaHost(String name, int nodes, int gpusPerNode, int... used) {
        UUID root = rows.root(name);
        rows.inventory(root, "VCPU", 64).inventory(root, "MEMORY_MB", 512_000).inventory(root, "DISK_GB", 2_000);
        List<UUID> children = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            UUID node = rows.child(root, name + "_numa" + n);
            for (int g = 0; g < gpusPerNode; g++) {
                UUID gpu = rows.child(node, name + "_numa" + n + "_gpu" + g);
                rows.inventory(gpu, "PGPU", 1).traits(gpu, A100);
                children.add(gpu);
            }
        }
        for (int g : used) {
            rows.allocate(children.get(g), "PGPU", 1);
        }
        return new Host(name, root, List.copyOf(children));
    }

    void disable(Host host) {
        rows.traits(host.root(), GpuTraits.COMPUTE_STATUS_DISABLED);
    }

    /** As the liveness check marks a host whose heartbeats stopped. */
    void markDown(Host host) {
        rows.traits(host.root(), GpuTraits.HOST_DOWN);
    }

    void inRegion(Host host, String region) {
        rows.aggregate(host.root(), NamedAggregates.dataResidency(region));
    }
}
