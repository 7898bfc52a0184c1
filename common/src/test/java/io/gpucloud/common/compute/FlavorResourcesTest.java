package io.gpucloud.common.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How flavors become Placement requests: Nova's rules first, then our GPU expansion. */
class FlavorResourcesTest {

    private static final int VCPUS = 8;
    private static final int RAM_MB = 65536;
    private static final int DISK_GB = 100;
    private static final String A100 = "CUSTOM_GPU_NVIDIA_A100_80GB";

    @Test
    void aPlainFlavorAsksForItsVcpusRamAndDiskInTheUnnumberedGroup() {
        ResourceRequest request = translate(Map.of());

        assertThat(request.groups()).containsExactly(
                group("", Map.of("VCPU", VCPUS, "MEMORY_MB", RAM_MB, "DISK_GB", DISK_GB)));
        assertThat(request.groupPolicy()).isNull();
        assertThat(request.gpuTopology()).isEqualTo(GpuTopology.ANY);
        assertThat(request.cpuPolicy()).isEqualTo(CpuPolicy.SHARED);
        assertThat(request.numaNodes()).isEmpty();
        assertThat(request.gpuGroupSuffixes()).isEmpty();
        assertThat(request.gpuCount()).isZero();
    }

    @Test
    void aClassWithAmountZeroIsLeftOut() {
        ResourceRequest request = FlavorResources.translate(2, 2048, 0, Map.of(), Map.of());

        assertThat(request.groups()).containsExactly(group("", Map.of("VCPU", 2, "MEMORY_MB", 2048)));
    }

    @Test
    void aFlavorThatAsksForNothingHasNoGroups() {
        assertThat(FlavorResources.translate(0, 0, 0, Map.of(), Map.of()).groups()).isEmpty();
    }

    @Test
    void dedicatedCpuPolicyAsksForPcpuInsteadOfVcpu() {
        ResourceRequest request = translate(Map.of("hw:cpu_policy", "dedicated"));

        assertThat(unnumbered(request).resources()).containsOnly(
                Map.entry("PCPU", VCPUS), Map.entry("MEMORY_MB", RAM_MB), Map.entry("DISK_GB", DISK_GB));
        assertThat(request.cpuPolicy()).isEqualTo(CpuPolicy.DEDICATED);
    }

    @Test
    void sharedCpuPolicyKeepsVcpu() {
        ResourceRequest request = translate(Map.of("hw:cpu_policy", "shared"));

        assertThat(unnumbered(request).amount("VCPU")).isEqualTo(VCPUS);
        assertThat(request.cpuPolicy()).isEqualTo(CpuPolicy.SHARED);
    }

    @Test
    void anExplicitPcpuEqualToTheFlavorsVcpusMeansDedicatedCpus() {
        ResourceRequest request = translate(Map.of("resources:PCPU", "8"));

        assertThat(unnumbered(request).amount("PCPU")).isEqualTo(VCPUS);
        assertThat(unnumbered(request).resources()).doesNotContainKey("VCPU");
        assertThat(request.cpuPolicy()).isEqualTo(CpuPolicy.DEDICATED);
    }

    @Test
    void resourcesVcpuZeroRemovesVcpu() {
        assertThat(unnumbered(translate(Map.of("resources:VCPU", "0"))).resources())
                .containsOnlyKeys("MEMORY_MB", "DISK_GB");
    }

    @Test
    void resourcesDiskZeroRemovesDiskAsForBootFromVolume() {
        assertThat(unnumbered(translate(Map.of("resources:DISK_GB", "0"))).resources())
                .containsOnlyKeys("VCPU", "MEMORY_MB");
    }

    @Test
    void anExplicitAmountOverridesTheFlavors() {
        ResourceRequest request = translate(Map.of("resources:VCPU", "4", "resources:MEMORY_MB", "1024"));

        assertThat(unnumbered(request).resources()).containsOnly(
                Map.entry("VCPU", 4), Map.entry("MEMORY_MB", 1024), Map.entry("DISK_GB", DISK_GB));
    }

    @Test
    void aClassWrittenInANumberedGroupIsNotAddedToTheUnnumberedOneAsInNova() {
        ResourceRequest request = translate(Map.of("resources1:MEMORY_MB", "1024"));

        assertThat(unnumbered(request).resources()).containsOnlyKeys("VCPU", "DISK_GB");
        assertThat(request.findGroup("1").orElseThrow().resources()).containsExactly(Map.entry("MEMORY_MB", 1024));
    }

    @Test
    void customClassesAndTraitsStayInTheUnnumberedGroup() {
        ResourceRequest request = translate(Map.of("resources:CUSTOM_LICENSE_SEAT", "1",
                "trait:HW_CPU_X86_AVX2", "required", "trait:COMPUTE_STATUS_DISABLED", "forbidden"));

        ResourceGroup unnumbered = unnumbered(request);
        assertThat(unnumbered.amount("CUSTOM_LICENSE_SEAT")).isEqualTo(1);
        assertThat(unnumbered.requiredTraits()).containsExactly("HW_CPU_X86_AVX2");
        assertThat(unnumbered.forbiddenTraits()).containsExactly("COMPUTE_STATUS_DISABLED");
        assertThat(request.groups()).hasSize(1);
    }

    @Test
    void granularGroupsKeepTheirSuffixesResourcesAndTraits() {
        ResourceRequest request = translate(Map.of(
                "resources1:SRIOV_NET_VF", "1", "trait1:CUSTOM_PHYSNET_A", "required",
                "resources_NET:SRIOV_NET_VF", "2", "trait_NET:CUSTOM_PHYSNET_B", "forbidden",
                "group_policy", "none"));

        assertThat(request.groups()).containsExactly(
                group("", Map.of("VCPU", VCPUS, "MEMORY_MB", RAM_MB, "DISK_GB", DISK_GB)),
                new ResourceGroup("1", Map.of("SRIOV_NET_VF", 1), Set.of("CUSTOM_PHYSNET_A"), Set.of()),
                new ResourceGroup("_NET", Map.of("SRIOV_NET_VF", 2), Set.of(), Set.of("CUSTOM_PHYSNET_B")));
        assertThat(request.groupPolicy()).isEqualTo(GroupPolicy.NONE);
    }

    @Test
    void aGranularGroupWhoseAmountsAreAllZeroDisappears() {
        assertThat(translate(Map.of("resources1:VGPU", "0")).groups()).extracting(ResourceGroup::suffix)
                .containsExactly("");
    }

    @Test
    void oneGranularGroupNeedsNoGroupPolicy() {
        ResourceRequest request = translate(Map.of("resources1:SRIOV_NET_VF", "1"));

        assertThat(request.groupPolicy()).isNull();
    }

    @Test
    void groupsAreOrderedUnnumberedFirstThenNumbersByValueThenNames() {
        Map<String, String> specs = new LinkedHashMap<>();
        specs.put("resources_B:SRIOV_NET_VF", "1");
        specs.put("resources10:SRIOV_NET_VF", "1");
        specs.put("resources_A:SRIOV_NET_VF", "1");
        specs.put("resources2:SRIOV_NET_VF", "1");
        specs.put("group_policy", "isolate");

        assertThat(translate(specs).groups()).extracting(ResourceGroup::suffix)
                .containsExactly("", "2", "10", "_A", "_B");
    }

    @Test
    void theA100TimesTwoFlavorBecomesOneIsolatedGroupPerGpu() {
        ResourceRequest request = translate(Map.of("resources:PGPU", "2", "trait:" + A100, "required",
                "gpu:topology", "nvlink"));

        assertThat(request.groups()).containsExactly(
                group("", Map.of("VCPU", VCPUS, "MEMORY_MB", RAM_MB, "DISK_GB", DISK_GB)),
                new ResourceGroup("_GPU1", Map.of("PGPU", 1), Set.of(A100), Set.of()),
                new ResourceGroup("_GPU2", Map.of("PGPU", 1), Set.of(A100), Set.of()));
        assertThat(request.groupPolicy()).isEqualTo(GroupPolicy.ISOLATE);
        assertThat(request.gpuTopology()).isEqualTo(GpuTopology.NVLINK);
        assertThat(request.gpuGroupSuffixes()).containsExactly("_GPU1", "_GPU2");
        assertThat(request.gpuCount()).isEqualTo(2);
    }

    @Test
    void oneWholeGpuStillGetsItsOwnGroup() {
        ResourceRequest request = translate(Map.of("resources:PGPU", "1", "gpu:topology", "numa"));

        assertThat(request.groups()).extracting(ResourceGroup::suffix).containsExactly("", "_GPU1");
        assertThat(request.groupPolicy()).isEqualTo(GroupPolicy.ISOLATE);
        assertThat(request.gpuTopology()).isEqualTo(GpuTopology.NUMA);
    }

    @Test
    void vgpuSlicesMoveTogetherIntoOneGroup() {
        ResourceRequest request = translate(Map.of("resources:VGPU", "3"));

        assertThat(request.findGroup("_GPU1").orElseThrow().resources()).containsExactly(Map.entry("VGPU", 3));
        assertThat(unnumbered(request).resources()).doesNotContainKey("VGPU");
        assertThat(request.gpuGroupSuffixes()).containsExactly("_GPU1");
        assertThat(request.gpuCount()).isEqualTo(3);
    }

    @Test
    void migSlicesMoveTogetherIntoOneGroup() {
        ResourceRequest request = translate(Map.of("resources:CUSTOM_MIG_1G_10GB", "2"));

        assertThat(request.findGroup("_GPU1").orElseThrow().resources())
                .containsExactly(Map.entry("CUSTOM_MIG_1G_10GB", 2));
        assertThat(request.gpuCount()).isEqualTo(2);
    }

    @Test
    void wholeGpusComeFirstThenOneGroupPerSliceClass() {
        ResourceRequest request = translate(Map.of("resources:PGPU", "2", "resources:VGPU", "1",
                "resources:CUSTOM_MIG_1G_10GB", "3"));

        assertThat(request.gpuGroups()).containsExactly(
                group("_GPU1", Map.of("PGPU", 1)),
                group("_GPU2", Map.of("PGPU", 1)),
                group("_GPU3", Map.of("CUSTOM_MIG_1G_10GB", 3)),
                group("_GPU4", Map.of("VGPU", 1)));
        assertThat(request.gpuCount()).isEqualTo(6);
    }

    @Test
    void gpuTraitsMoveToEveryGpuGroupAndOtherTraitsStay() {
        ResourceRequest request = translate(Map.of("resources:PGPU", "2",
                "trait:CUSTOM_GPU_MEMORY_80GB", "required", "trait:CUSTOM_NVLINK_DOMAIN_7", "forbidden",
                "trait:HW_CPU_X86_AVX2", "required", "trait:CUSTOM_NUMA_NODE_0", "required"));

        assertThat(unnumbered(request).requiredTraits()).containsExactly("CUSTOM_NUMA_NODE_0", "HW_CPU_X86_AVX2");
        assertThat(unnumbered(request).forbiddenTraits()).isEmpty();
        assertThat(request.gpuGroups()).allSatisfy(gpu -> {
            assertThat(gpu.requiredTraits()).containsExactly("CUSTOM_GPU_MEMORY_80GB");
            assertThat(gpu.forbiddenTraits()).containsExactly("CUSTOM_NVLINK_DOMAIN_7");
        });
    }

    @Test
    void gpuTraitsStayInTheUnnumberedGroupWhenItAsksForNoGpu() {
        ResourceRequest request = translate(Map.of("trait:" + A100, "required"));

        assertThat(unnumbered(request).requiredTraits()).containsExactly(A100);
    }

    @Test
    void granularGpuGroupsWrittenByTheUserKeepTheirSuffixAndAreListedAsGpuGroups() {
        ResourceRequest request = translate(Map.of("resources1:PGPU", "1", "resources2:VGPU", "2",
                "trait2:" + A100, "required", "group_policy", "isolate"));

        assertThat(request.groups()).extracting(ResourceGroup::suffix).containsExactly("", "1", "2");
        assertThat(request.gpuGroupSuffixes()).containsExactly("1", "2");
        assertThat(request.gpuCount()).isEqualTo(3);
    }

    @Test
    void generatedGpuGroupsAreAddedAfterTheUsersOwnGroups() {
        ResourceRequest request = translate(Map.of("resources1:SRIOV_NET_VF", "1", "resources:PGPU", "2"));

        assertThat(request.groups()).extracting(ResourceGroup::suffix).containsExactly("", "1", "_GPU1", "_GPU2");
        assertThat(request.gpuGroupSuffixes()).containsExactly("_GPU1", "_GPU2");
        assertThat(request.groupPolicy()).isEqualTo(GroupPolicy.ISOLATE);
    }

    @Test
    void aGivenGroupPolicyIsKeptWhenGpusAreExpanded() {
        assertThat(translate(Map.of("resources:PGPU", "2", "group_policy", "isolate")).groupPolicy())
                .isEqualTo(GroupPolicy.ISOLATE);
        assertThat(translate(Map.of("resources:PGPU", "1", "group_policy", "none")).groupPolicy())
                .isEqualTo(GroupPolicy.NONE);
    }

    @Test
    void numaNodesAreReported() {
        assertThat(translate(Map.of("hw:numa_nodes", "2")).numaNodes()).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void keysInNamespacesWeDoNotInterpretAreAcceptedAndIgnored() {
        Map<String, String> foreign = Map.of("hw:mem_page_size", "large", "aggregate_instance_extra_specs:gpu",
                "a100", "quota:disk_read_bytes_sec", "10240000", "hide_hypervisor_id", "true");

        FlavorResources.validateExtraSpecs(foreign);
        assertThat(translate(foreign)).isEqualTo(translate(Map.of()));
    }

    @Test
    void imageTraitsAreRequiredInTheUnnumberedGroup() {
        ResourceRequest request = FlavorResources.translate(VCPUS, RAM_MB, DISK_GB, Map.of(),
                Map.of("trait:HW_CPU_X86_AVX512F", "required", "trait:CUSTOM_IGNORED", "forbidden",
                        "hw_cpu_policy", "dedicated", "os_distro", "ubuntu"));

        assertThat(unnumbered(request).requiredTraits()).containsExactly("HW_CPU_X86_AVX512F");
        assertThat(unnumbered(request).forbiddenTraits()).isEmpty();
        assertThat(request.cpuPolicy()).isEqualTo(CpuPolicy.SHARED);
    }

    @Test
    void imageGpuTraitsFollowTheGpusIntoTheirGroups() {
        ResourceRequest request = FlavorResources.translate(VCPUS, RAM_MB, DISK_GB, Map.of("resources:PGPU", "1"),
                Map.of("trait:" + A100, "required"));

        assertThat(request.findGroup("_GPU1").orElseThrow().requiredTraits()).containsExactly(A100);
        assertThat(unnumbered(request).requiredTraits()).isEmpty();
    }

    @Test
    void translationIsDeterministicAndItsResultImmutable() {
        Map<String, String> specs = Map.of("resources:PGPU", "3", "resources_NET:SRIOV_NET_VF", "1",
                "trait:" + A100, "required");
        ResourceRequest first = translate(specs);

        assertThat(translate(new LinkedHashMap<>(specs))).isEqualTo(first);
        assertThat(first.toString()).isEqualTo(translate(specs).toString());
        assertThatThrownBy(() -> first.groups().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> first.groups().get(0).resources().put("VCPU", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void negativeFlavorSizesAreAProgrammingError() {
        assertThatThrownBy(() -> FlavorResources.translate(-1, 0, 0, Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vcpus");
    }

    @Test
    void gpuResourceClassesAreWholeGpusVgpusAndMigSlices() {
        assertThat(List.of("PGPU", "VGPU", "CUSTOM_MIG_1G_10GB")).allMatch(FlavorResources::isGpuResourceClass);
        assertThat(List.of("VCPU", "VGPU_DISPLAY_HEAD", "CUSTOM_GPU", "FPGA"))
                .noneMatch(FlavorResources::isGpuResourceClass);
    }

    private static ResourceRequest translate(Map<String, String> extraSpecs) {
        return FlavorResources.translate(VCPUS, RAM_MB, DISK_GB, extraSpecs, Map.of());
    }

    private static ResourceGroup unnumbered(ResourceRequest request) {
        return request.findGroup(ResourceGroup.UNNUMBERED).orElseThrow();
    }

    private static ResourceGroup group(String suffix, Map<String, Integer> resources) {
        return new ResourceGroup(suffix, resources, Set.of(), Set.of());
    }
}
