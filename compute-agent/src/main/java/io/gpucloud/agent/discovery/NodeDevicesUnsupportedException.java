package io.gpucloud.agent.discovery;

/**
 * The libvirt connection has no node-device driver (e.g. a modular libvirt without {@code virtnodedevd}), so it
 * cannot list PCI devices; {@link HostDiscovery} then reads the whole host from sysfs instead.
 */
public class NodeDevicesUnsupportedException extends DiscoveryException {

    public NodeDevicesUnsupportedException(String message, Throwable cause) {
        super(message, cause);
    }
}
