package io.gpucloud.agent.host;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * NVIDIA GPU models by PCI product id. The name is what the model trait is built from
 * ({@code GpuTraits.model("A100-80GB")} = {@code CUSTOM_GPU_NVIDIA_A100_80GB}), so a name, once shipped, is never
 * changed: flavors ask for it.
 *
 * <p>Product ids follow the PCI ID database (pci-ids.ucw.cz; its name in the comment). A product id not listed
 * here is still a GPU: it is named {@code NVIDIA 10de:xxxx} and its memory is unknown unless nvidia-smi reports it.
 */
public final class GpuModels {

    public static final int NVIDIA_VENDOR_ID = 0x10de;

    /** A model name and, where the product id fixes it, its memory. */
    public record GpuModel(String name, OptionalInt memoryGb) {

        public GpuModel {
            requireNonNull(name, "name is null");
            requireNonNull(memoryGb, "memoryGb is null");
        }
    }

    private static final Map<Integer, GpuModel> BY_PRODUCT_ID = Map.ofEntries(
            known(0x20b0, "A100-40GB", 40),   // GA100 [A100 SXM4 40GB]
            known(0x20b1, "A100-40GB", 40),   // GA100 [A100 PCIe 40GB]
            known(0x20f1, "A100-40GB", 40),   // GA100 [A100 PCIe 40GB]
            known(0x20b2, "A100-80GB", 80),   // GA100 [A100 SXM4 80GB]
            known(0x20b5, "A100-80GB", 80),   // GA100 [A100 PCIe 80GB]
            known(0x20b7, "A30", 24),         // GA100GL [A30 PCIe]
            known(0x2236, "A10", 24),         // GA102GL [A10]
            known(0x2330, "H100-SXM", 80),    // GH100 [H100 SXM5 80GB]
            known(0x2331, "H100-PCIe", 80),   // GH100 [H100 PCIe]
            known(0x2321, "H100-NVL", 94),    // GH100 [H100L 94GB]
            known(0x2335, "H200", 141),       // GH100 [H200 SXM 141GB]
            known(0x233b, "H200-NVL", 141),   // GH100 [H200 NVL]
            known(0x26b5, "L40", 48),         // AD102GL [L40]
            known(0x26b9, "L40S", 48),        // AD102GL [L40S]
            known(0x27b8, "L4", 24),          // AD104GL [L4]
            known(0x1eb8, "T4", 16));         // TU104GL [Tesla T4]

    private GpuModels() {}

    /** The model for an NVIDIA product id; unknown ids give {@code NVIDIA 10de:xxxx} with unknown memory. */
    public static GpuModel byProductId(int productId) {
        GpuModel model = BY_PRODUCT_ID.get(productId);
        if (model != null) {
            return model;
        }
        return new GpuModel(String.format(Locale.ROOT, "NVIDIA %04x:%04x", NVIDIA_VENDOR_ID, productId),
                OptionalInt.empty());
    }

    public static boolean isKnown(int productId) {
        return BY_PRODUCT_ID.containsKey(productId);
    }

    /**
     * Whether a PCI function is an NVIDIA GPU: vendor 0x10de and class "display controller", subclass VGA (0x0300)
     * or 3D (0x0302). NVIDIA's audio functions, NVSwitches and bridges are not GPUs.
     *
     * @param pciClass the 24-bit class code, e.g. {@code 0x030200}
     */
    public static boolean isNvidiaGpu(int vendorId, int pciClass) {
        int classAndSubclass = pciClass >> 8;
        return vendorId == NVIDIA_VENDOR_ID && (classAndSubclass == 0x0300 || classAndSubclass == 0x0302);
    }

    private static Map.Entry<Integer, GpuModel> known(int productId, String name, int memoryGb) {
        return Map.entry(productId, new GpuModel(name, OptionalInt.of(memoryGb)));
    }
}
