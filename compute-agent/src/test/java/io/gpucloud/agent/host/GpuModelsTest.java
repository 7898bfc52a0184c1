package io.gpucloud.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.compute.GpuTraits;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class GpuModelsTest {

    @Test
    void namesTheDataCentreGpusByProductId() {
        assertModel(0x20b0, "A100-40GB", 40);
        assertModel(0x20f1, "A100-40GB", 40);
        assertModel(0x20b2, "A100-80GB", 80);
        assertModel(0x20b5, "A100-80GB", 80);
        assertModel(0x2331, "H100-PCIe", 80);
        assertModel(0x2330, "H100-SXM", 80);
        assertModel(0x2335, "H200", 141);
        assertModel(0x26b9, "L40S", 48);
        assertModel(0x27b8, "L4", 24);
    }

    @Test
    void anUnknownProductIdIsShownAsItsIdWithUnknownMemory() {
        GpuModels.GpuModel model = GpuModels.byProductId(0x2bb5);
        assertThat(model.name()).isEqualTo("NVIDIA 10de:2bb5");
        assertThat(model.memoryGb()).isEmpty();
        assertThat(GpuModels.isKnown(0x2bb5)).isFalse();
    }

    @Test
    void modelNamesGiveTheTraitsFlavorsAskFor() {
        assertThat(GpuTraits.model(GpuModels.byProductId(0x20b5).name())).isEqualTo("CUSTOM_GPU_NVIDIA_A100_80GB");
        assertThat(GpuTraits.model(GpuModels.byProductId(0x2330).name())).isEqualTo("CUSTOM_GPU_NVIDIA_H100_SXM");
        assertThat(GpuTraits.model(GpuModels.byProductId(0x2bb5).name())).isEqualTo("CUSTOM_GPU_NVIDIA_10DE_2BB5");
    }

    @Test
    void onlyNvidiaVgaAnd3dControllersAreGpus() {
        assertThat(GpuModels.isNvidiaGpu(0x10de, 0x030200)).as("3D controller").isTrue();
        assertThat(GpuModels.isNvidiaGpu(0x10de, 0x030000)).as("VGA controller").isTrue();
        assertThat(GpuModels.isNvidiaGpu(0x10de, 0x040300)).as("NVIDIA HD audio").isFalse();
        assertThat(GpuModels.isNvidiaGpu(0x10de, 0x068000)).as("NVSwitch bridge").isFalse();
        assertThat(GpuModels.isNvidiaGpu(0x1a03, 0x030000)).as("ASPEED BMC VGA").isFalse();
    }

    private static void assertModel(int productId, String name, int memoryGb) {
        assertThat(GpuModels.byProductId(productId)).isEqualTo(new GpuModels.GpuModel(name, OptionalInt.of(memoryGb)));
    }
}
