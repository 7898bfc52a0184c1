package io.gpucloud.common.compute;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Turns a Nova flavor (vCPUs, RAM, root disk, extra specs) and its image's properties into the Placement request
 * the scheduler sends, and checks extra specs when a flavor is written. Pure Java, so compute-api and the scheduler
 * share one reading of a flavor.
 *
 * <h2>Extra specs, as in Nova</h2>
 * <ul>
 *   <li>The unnumbered group gets {@code VCPU}=vcpus, {@code MEMORY_MB}=ram, {@code DISK_GB}=disk; a class whose
 *       amount is 0 is left out. {@code hw:cpu_policy=dedicated} asks for {@code PCPU} instead of {@code VCPU}.</li>
 *   <li>{@code resources:<CLASS>=<n>} sets the unnumbered amount; n=0 removes the class. As in Nova, the flavor's
 *       own vCPUs/RAM/disk are only added when no group names that class (for vCPUs: neither VCPU nor PCPU).</li>
 *   <li>{@code resources<S>:<CLASS>=<n>} and {@code trait<S>:<T>=required|forbidden} make granular group S, where S
 *       is digits or {@code _} plus up to 63 of {@code [A-Za-z0-9_]}. {@code _GPU<n>} is reserved (see below).</li>
 *   <li>A class is standard ({@link ResourceClasses#STANDARD}) or {@code CUSTOM_[A-Z0-9_]+}; a trait is
 *       {@code [A-Z0-9_]+}; an amount is a whole number from 0 to 2<sup>31</sup>-1, written in digits only.</li>
 *   <li>{@code group_policy=none|isolate} is required with more than one numbered group.</li>
 *   <li>A granular group with traits but no resources is rejected, as are explicit VCPU/PCPU together with
 *       {@code hw:cpu_policy}, VCPU together with PCPU, and a PCPU total that differs from vcpus (Nova's rules).
 *       An explicit PCPU without {@code hw:cpu_policy} means {@link CpuPolicy#DEDICATED}.</li>
 *   <li>{@code hw:numa_nodes} is a positive number, reported in {@link ResourceRequest#numaNodes()} for the
 *       scheduler; {@code hw:cpu_policy=mixed} is rejected.</li>
 *   <li>Other {@code hw:} keys and unknown namespaces ({@code aggregate_instance_extra_specs:}, {@code quota:}) are
 *       accepted and ignored, as Nova accepts namespaces it has no validator for.</li>
 *   <li>Image properties {@code trait:<T>=required} join the unnumbered group's required traits (Nova's image
 *       traits); other image properties, {@code hw_cpu_policy} included, are ignored.</li>
 * </ul>
 *
 * <h2>Our additions</h2>
 * <ul>
 *   <li>{@code gpu:topology=any|nvlink|numa}, reported in {@link ResourceRequest#gpuTopology()}.</li>
 *   <li>GPUs asked for in the unnumbered group move to generated groups {@code _GPU1}.. ({@link GpuGroupExpansion}),
 *       and the group policy becomes {@link GroupPolicy#ISOLATE} unless the flavor gave one.
 *       {@code group_policy=none} with {@code resources:PGPU} of 2 or more is rejected.</li>
 *   <li>A numbered group may hold at most 1 PGPU (one GPU per provider), and one key at most 64 of a GPU class.</li>
 * </ul>
 */
public final class FlavorResources {

    private FlavorResources() {}

    /**
     * Checks each extra spec on its own, for a flavor write. Rules about combinations of keys (group policy with
     * several groups, traits without resources, CPU policy against explicit CPUs) are left to {@link #translate},
     * which runs when an instance is created: as in Nova, because extra specs are written one key at a time
     * ({@code PUT /flavors/{id}/os-extra_specs/{key}}) and a flavor may pass through incomplete states.
     *
     * @throws InvalidExtraSpecException naming the first bad key in key order
     */
    public static void validateExtraSpecs(Map<String, String> extraSpecs) {
        requireNonNull(extraSpecs, "extraSpecs is null");
        ExtraSpecParser.sorted(extraSpecs).forEach(ExtraSpecParser::parse);
    }

    /**
     * The Placement request for an instance of this flavor booted from this image.
     *
     * @param imageProperties the image's properties; empty for boot from volume without image metadata
     * @throws InvalidExtraSpecException when an extra spec, a combination of them, or an image trait is invalid
     * @throws IllegalArgumentException when vcpus, ramMb or diskGb is negative
     */
    public static ResourceRequest translate(int vcpus, int ramMb, int diskGb, Map<String, String> extraSpecs,
            Map<String, String> imageProperties) {
        requireNonNegative(vcpus, "vcpus");
        requireNonNegative(ramMb, "ramMb");
        requireNonNegative(diskGb, "diskGb");
        requireNonNull(extraSpecs, "extraSpecs is null");
        requireNonNull(imageProperties, "imageProperties is null");
        return FlavorTranslation.translate(vcpus, ramMb, diskGb, extraSpecs, imageProperties);
    }

    /** Whether the class counts GPUs or GPU slices: {@code PGPU}, {@code VGPU} or {@code CUSTOM_MIG_*}. */
    public static boolean isGpuResourceClass(String resourceClass) {
        return ResourceClasses.isGpu(requireNonNull(resourceClass, "resourceClass is null"));
    }

    private static void requireNonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
