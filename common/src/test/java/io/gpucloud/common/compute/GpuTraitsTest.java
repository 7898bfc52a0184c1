package io.gpucloud.common.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpuTraitsTest {

    @ParameterizedTest(name = "model ''{0}'' is {1}")
    @CsvSource({"A100 80GB, CUSTOM_GPU_NVIDIA_A100_80GB", "NVIDIA A100-SXM4-80GB, CUSTOM_GPU_NVIDIA_A100_SXM4_80GB",
            "nvidia h100.pcie, CUSTOM_GPU_NVIDIA_H100_PCIE"})
    void modelTraitsAreSanitizedAndSayNvidiaOnce(String name, String trait) {
        assertThat(GpuTraits.model(name)).isEqualTo(trait);
    }

    @Test
    void helpersBuildTheSharedNames() {
        assertThat(GpuTraits.nvlinkDomain("fabric-0")).isEqualTo("CUSTOM_NVLINK_DOMAIN_FABRIC_0");
        assertThat(GpuTraits.numaNode(1)).isEqualTo("CUSTOM_NUMA_NODE_1");
        assertThat(GpuTraits.memoryGb(80)).isEqualTo("CUSTOM_GPU_MEMORY_80GB");
        assertThat(GpuTraits.sanitize("a-b.c dé_9")).isEqualTo("A_B_C_D__9");
    }

    @Test
    void helpersRefuseWhatCannotBeATrait() {
        assertThatThrownBy(() -> GpuTraits.numaNode(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GpuTraits.memoryGb(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GpuTraits.model("NVIDIA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GpuTraits.nvlinkDomain("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void modelMemoryAndNvlinkTraitsAreGpuTraitsButNumaNodesAreNot() {
        assertThat(List.of("CUSTOM_GPU_NVIDIA_A100_80GB", "CUSTOM_GPU_MEMORY_80GB", "CUSTOM_NVLINK_DOMAIN_0"))
                .allMatch(GpuTraits::isGpuTrait);
        assertThat(List.of("CUSTOM_NUMA_NODE_0", "HW_CPU_X86_AVX2", "COMPUTE_STATUS_DISABLED", "CUSTOM_GPU"))
                .noneMatch(GpuTraits::isGpuTrait);
    }

    @Test
    void topologyIsReadBackFromAProvidersTraits() {
        Set<String> traits = Set.of("CUSTOM_GPU_NVIDIA_A100_80GB", "CUSTOM_NVLINK_DOMAIN_B", "CUSTOM_NVLINK_DOMAIN_A",
                "CUSTOM_NUMA_NODE_3", "CUSTOM_NUMA_NODE_1", "CUSTOM_NUMA_NODE_X");

        assertThat(GpuTraits.nvlinkDomainOf(traits)).contains("A");
        assertThat(GpuTraits.numaNodeOf(traits)).contains(1);
        assertThat(GpuTraits.nvlinkDomainOf(Set.of("HW_CPU_X86_AVX2"))).isEmpty();
        assertThat(GpuTraits.numaNodeOf(Set.of("CUSTOM_NUMA_NODE_"))).isEmpty();
    }
}
