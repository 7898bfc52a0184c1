package io.gpucloud.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cloud.agent.*}: which host this agent runs and how it offers it.
 *
 * @param host               the compute host's name (its root provider's name and its queues' suffix); defaults
 *                           to the name libvirt reports, set it when several simulated hosts share one machine
 * @param libvirtUri         {@code qemu:///system} on a KVM host, {@code test:///abs/path/host.xml} for a
 *                           simulated one
 * @param discovery          {@code libvirt} (node devices, falling back to sysfs where libvirt lacks them) or
 *                           {@code sysfs}
 * @param stateDir           instance files and the out-of-service list live here
 * @param placementUrl       Placement's root
 * @param heartbeatInterval  how often the agent says it is alive
 * @param inventoryInterval  how often it discovers the host again and syncs its provider tree
 * @param gpuModes           PCI address → {@code passthrough}, {@code vgpu:<mdev type>}, {@code mig:<profile>=<mdev type>}
 * @param gpusOutOfService   PCI addresses taken out of service by configuration (the state dir's
 *                           {@code gpus-out-of-service} file adds to it without a restart)
 * @param diskGb             DISK_GB offered; 0 offers none
 * @param reconcileInterval  how often guests are compared with the control plane's records
 * @param destroyUnknown     delete guests this agent built that the control plane no longer knows (default: only
 *                           report them)
 * @param dedicatedCpus      host CPUs kept for pinned guests ({@code hw:cpu_policy=dedicated}) as a CPU set
 *                           ({@code 20-79,100-159}): offered as PCPU, the others as VCPU (Nova's
 *                           {@code cpu_dedicated_set}); empty offers no PCPU
 */
@ConfigurationProperties("cloud.agent")
public record AgentProperties(
        String host,
        @DefaultValue("qemu:///system") String libvirtUri,
        @DefaultValue("libvirt") String discovery,
        @DefaultValue("/var/lib/gpucloud/agent") Path stateDir,
        @DefaultValue("http://127.0.0.1:8778") URI placementUrl,
        @DefaultValue("PT10S") Duration heartbeatInterval,
        @DefaultValue("PT60S") Duration inventoryInterval,
        @DefaultValue Map<String, String> gpuModes,
        @DefaultValue List<String> gpusOutOfService,
        @DefaultValue("1000") int diskGb,
        @DefaultValue("0") int reservedVcpus,
        @DefaultValue("512") long reservedMemoryMb,
        @DefaultValue("4.0") double cpuAllocationRatio,
        @DefaultValue("1.0") double ramAllocationRatio,
        @DefaultValue("PT60S") Duration reconcileInterval,
        @DefaultValue("") String dedicatedCpus,
        @DefaultValue("false") boolean destroyUnknown) {
}
