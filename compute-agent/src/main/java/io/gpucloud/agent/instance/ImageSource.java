package io.gpucloud.agent.instance;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Where images come from: for a disk image, a qcow2 file on this host that root disks are overlaid on; for a kernel
 * or ramdisk image (direct kernel boot), the kernel or initramfs file itself.
 */
public interface ImageSource {

    /** The image's file, or empty when this host does not have it. */
    Optional<Path> baseImage(UUID imageUuid);
}
