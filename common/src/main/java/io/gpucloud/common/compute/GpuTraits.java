package io.gpucloud.common.compute;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The trait names that describe a GPU provider. The compute agent puts them on each GPU's provider, flavors ask for
 * them in {@code trait:} extra specs, and the scheduler reads them back to check {@link GpuTopology}: one naming
 * shared by all three, so none of them builds these strings by hand.
 */
public final class GpuTraits {

    public static final String NVLINK_DOMAIN_PREFIX = "CUSTOM_NVLINK_DOMAIN_";
    public static final String NUMA_NODE_PREFIX = "CUSTOM_NUMA_NODE_";
    /** e.g. {@code CUSTOM_GPU_NVIDIA_A100_80GB}. */
    public static final String MODEL_PREFIX = "CUSTOM_GPU_NVIDIA_";
    /** e.g. {@code CUSTOM_GPU_MEMORY_80GB}. */
    public static final String MEMORY_PREFIX = "CUSTOM_GPU_MEMORY_";
    /** Standard trait Nova puts on a disabled compute node; the scheduler forbids it. An operator's, via os-services. */
    public static final String COMPUTE_STATUS_DISABLED = "COMPUTE_STATUS_DISABLED";
    /**
     * The scheduler's own marker on a host whose heartbeats stopped; also forbidden. Separate from
     * {@link #COMPUTE_STATUS_DISABLED} so that a host coming back never lifts an operator's disable, nor an operator's
     * enable a host that is still silent.
     */
    public static final String HOST_DOWN = "CUSTOM_COMPUTE_HOST_DOWN";

    private static final String VENDOR = "NVIDIA";

    private GpuTraits() {}

    /**
     * The model trait for a product name as the driver reports it. A leading "NVIDIA" is dropped because the prefix
     * already says it: {@code "NVIDIA A100-SXM4-80GB"} and {@code "A100-SXM4-80GB"} both give
     * {@code CUSTOM_GPU_NVIDIA_A100_SXM4_80GB}.
     */
    public static String model(String name) {
        String sanitized = sanitize(requireNonNull(name, "name is null").strip());
        if (sanitized.equals(VENDOR) || sanitized.startsWith(VENDOR + "_")) {
            sanitized = sanitized.substring(Math.min(sanitized.length(), VENDOR.length() + 1));
        }
        return requireSuffix(MODEL_PREFIX, sanitized, name);
    }

    /** The trait shared by all GPUs of one NVLink domain; {@code id} is any stable identifier of the domain. */
    public static String nvlinkDomain(String id) {
        return requireSuffix(NVLINK_DOMAIN_PREFIX, sanitize(requireNonNull(id, "id is null")), id);
    }

    /** The trait of a provider attached to host NUMA node {@code node}. */
    public static String numaNode(int node) {
        if (node < 0) {
            throw new IllegalArgumentException("NUMA node must not be negative: " + node);
        }
        return NUMA_NODE_PREFIX + node;
    }

    /** The trait for a GPU with {@code gigabytes} of memory, e.g. {@code CUSTOM_GPU_MEMORY_80GB}. */
    public static String memoryGb(int gigabytes) {
        if (gigabytes <= 0) {
            throw new IllegalArgumentException("GPU memory must be positive: " + gigabytes);
        }
        return MEMORY_PREFIX + gigabytes + "GB";
    }

    /**
     * Whether the trait describes one GPU (model, memory, NVLink domain), so that a flavor asking for it means "each
     * of my GPUs has it" and it belongs on the GPU request groups rather than on the compute node's group. NUMA node
     * traits are not included: CPUs and memory carry them too.
     */
    public static boolean isGpuTrait(String trait) {
        return trait.startsWith(MODEL_PREFIX) || trait.startsWith(MEMORY_PREFIX)
                || trait.startsWith(NVLINK_DOMAIN_PREFIX);
    }

    /**
     * The NVLink domain id (the part after the prefix) among a provider's traits. A GPU belongs to one domain; should a
     * provider carry several, the alphabetically first wins so that every caller agrees.
     */
    public static Optional<String> nvlinkDomainOf(Set<String> traits) {
        return traits.stream()
                .filter(trait -> trait.startsWith(NVLINK_DOMAIN_PREFIX))
                .map(trait -> trait.substring(NVLINK_DOMAIN_PREFIX.length()))
                .filter(domain -> !domain.isEmpty())
                .sorted()
                .findFirst();
    }

    /** The host NUMA node among a provider's traits; the lowest if there are several, ignoring malformed ones. */
    public static Optional<Integer> numaNodeOf(Set<String> traits) {
        return traits.stream()
                .filter(trait -> trait.startsWith(NUMA_NODE_PREFIX))
                .map(trait -> trait.substring(NUMA_NODE_PREFIX.length()))
                .filter(node -> node.matches("[0-9]{1,9}"))
                .map(Integer::valueOf)
                .sorted()
                .findFirst();
    }

    /**
     * Upper-cases {@code raw} and replaces every character outside {@code [A-Z0-9_]} with {@code _}: trait and
     * resource class names allow nothing else.
     */
    public static String sanitize(String raw) {
        String upper = requireNonNull(raw, "raw is null").toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(upper.length());
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            out.append(allowed ? c : '_');
        }
        return out.toString();
    }

    private static String requireSuffix(String prefix, String sanitized, String raw) {
        if (sanitized.isEmpty()) {
            throw new IllegalArgumentException("Cannot build a " + prefix + "* trait from '" + raw + "'");
        }
        String trait = prefix + sanitized;
        if (trait.length() > ResourceClasses.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("Trait for '" + raw + "' is longer than "
                    + ResourceClasses.MAX_NAME_LENGTH + " characters");
        }
        return trait;
    }
}
