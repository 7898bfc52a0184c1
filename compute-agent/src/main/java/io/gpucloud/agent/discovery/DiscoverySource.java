package io.gpucloud.agent.discovery;

import io.gpucloud.agent.host.HostInventory;

/**
 * One way of reading a host (libvirt, sysfs). Each source builds the whole {@link HostInventory} on its own; sources
 * are never mixed within one inventory.
 */
public interface DiscoverySource {

    /** Reads the host now. */
    HostInventory discover();

    /** What is read, for log lines: e.g. {@code libvirt test:///…/h100-8x-sxm.xml}, {@code sysfs /}. */
    String describe();
}
