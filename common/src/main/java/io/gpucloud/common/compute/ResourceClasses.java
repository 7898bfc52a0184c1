package io.gpucloud.common.compute;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names of Placement resource classes: the standard ones (os-resource-classes, the same list the scheduler's
 * Placement schema seeds) and the {@code CUSTOM_} namespace that operators and our agent may fill freely.
 */
public final class ResourceClasses {

    public static final String VCPU = "VCPU";
    public static final String PCPU = "PCPU";
    public static final String MEMORY_MB = "MEMORY_MB";
    public static final String DISK_GB = "DISK_GB";
    public static final String PGPU = "PGPU";
    public static final String VGPU = "VGPU";
    /** Prefix of the classes our agent reports for MIG slices, e.g. {@code CUSTOM_MIG_1G_10GB}. */
    public static final String MIG_PREFIX = "CUSTOM_MIG_";
    public static final String CUSTOM_PREFIX = "CUSTOM_";

    public static final Set<String> STANDARD = Set.of(VCPU, PCPU, MEMORY_MB, DISK_GB, PGPU, VGPU, "VGPU_DISPLAY_HEAD",
            "PCI_DEVICE", "SRIOV_NET_VF", "NUMA_SOCKET", "NUMA_CORE", "NUMA_THREAD", "NUMA_MEMORY_MB", "IPV4_ADDRESS",
            "NET_BW_EGR_KILOBIT_PER_SEC", "NET_BW_IGR_KILOBIT_PER_SEC", "MEM_ENCRYPTION_CONTEXT", "FPGA",
            "NET_PACKET_RATE_KILOPACKET_PER_SEC", "NET_PACKET_RATE_EGR_KILOPACKET_PER_SEC",
            "NET_PACKET_RATE_IGR_KILOPACKET_PER_SEC");

    /** Placement's limit on a resource class or trait name. */
    public static final int MAX_NAME_LENGTH = 255;

    private static final Pattern CUSTOM = Pattern.compile("CUSTOM_[A-Z0-9_]+");

    private ResourceClasses() {}

    /** Whether Placement would accept {@code name} as a resource class: standard, or {@code CUSTOM_[A-Z0-9_]+}. */
    public static boolean isValid(String name) {
        return STANDARD.contains(name) || (name.length() <= MAX_NAME_LENGTH && CUSTOM.matcher(name).matches());
    }

    /** Whether the class counts GPUs or GPU slices: {@code PGPU}, {@code VGPU} or {@code CUSTOM_MIG_*}. */
    public static boolean isGpu(String name) {
        return name.equals(PGPU) || name.equals(VGPU) || name.startsWith(MIG_PREFIX);
    }
}
