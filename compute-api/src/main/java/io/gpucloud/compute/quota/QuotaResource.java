package io.gpucloud.compute.quota;

import io.gpucloud.common.compute.FlavorResources;
import java.util.Locale;
import java.util.Optional;

/**
 * A quota's name in {@code os-quota-sets}: Nova's ({@code instances}, {@code cores}, {@code ram}, …) or, for GPUs,
 * {@code class:<resource class>} (the naming of Nova's unified limits), e.g. {@code class:PGPU}.
 */
public final class QuotaResource {

    public static final String INSTANCES = "instances";
    public static final String CORES = "cores";
    public static final String RAM = "ram";
    public static final String KEY_PAIRS = "key_pairs";
    public static final String METADATA_ITEMS = "metadata_items";
    public static final String SERVER_GROUPS = "server_groups";
    public static final String SERVER_GROUP_MEMBERS = "server_group_members";
    public static final String GPU_PREFIX = "class:";

    private QuotaResource() {
    }

    public static String gpu(String resourceClass) {
        return GPU_PREFIX + resourceClass;
    }

    /** The GPU resource class of a {@code class:} quota name, when it names one. */
    public static Optional<String> gpuClass(String name) {
        if (!name.startsWith(GPU_PREFIX)) {
            return Optional.empty();
        }
        String resourceClass = name.substring(GPU_PREFIX.length()).toUpperCase(Locale.ROOT);
        return FlavorResources.isGpuResourceClass(resourceClass) ? Optional.of(resourceClass) : Optional.empty();
    }
}
