package io.gpucloud.agent.discovery;

import io.gpucloud.agent.host.HostInventory;

/**
 * Adds what a discovery source cannot see (MIG, NVLink) to the GPUs it found. An enrichment never adds or removes
 * GPUs, and one that has nothing to say (no nvidia-smi on this host) returns the inventory unchanged.
 */
public interface InventoryEnrichment {

    HostInventory enrich(HostInventory inventory);
}
