package io.gpucloud.agent.domain;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Direct kernel boot: QEMU loads a kernel (and initramfs) itself and passes it a command line, instead of running a
 * boot loader from the root disk. Asked for by the image's Glance properties {@value #KERNEL_ID} (an aki image),
 * {@value #RAMDISK_ID} (an ari image) and {@value #COMMAND_LINE}, as in Nova's libvirt driver.
 *
 * @param kernelImage  the kernel's image
 * @param ramdiskImage the initramfs's image, if any
 * @param commandLine  the kernel command line
 * @param kernel       where the kernel is copied for this guest (its instance directory)
 * @param ramdisk      where the initramfs is copied; present exactly when {@code ramdiskImage} is
 */
public record KernelBoot(UUID kernelImage, Optional<UUID> ramdiskImage, String commandLine, Path kernel,
        Optional<Path> ramdisk) {

    public static final String KERNEL_ID = "kernel_id";
    public static final String RAMDISK_ID = "ramdisk_id";
    public static final String COMMAND_LINE = "os_command_line";
    /** The serial console is where the agent logs the console to ({@code console.log}). */
    public static final String DEFAULT_COMMAND_LINE = "console=ttyS0";

    public KernelBoot {
        requireNonNull(kernelImage, "kernelImage is null");
        requireNonNull(ramdiskImage, "ramdiskImage is null");
        requireNonNull(commandLine, "commandLine is null");
        requireNonNull(kernel, "kernel is null");
        requireNonNull(ramdisk, "ramdisk is null");
        if (ramdiskImage.isPresent() != ramdisk.isPresent()) {
            throw new IllegalArgumentException("a ramdisk image needs a ramdisk file and the other way round");
        }
    }

    /**
     * The kernel boot the image properties ask for, with copies at {@code files}' kernel and ramdisk paths; empty
     * when they name no kernel (the guest boots from its disk).
     *
     * @throws BuildRefusedException when an id is not an image uuid, or a ramdisk comes without a kernel
     */
    public static Optional<KernelBoot> fromImageProperties(Map<String, String> properties, GuestFiles files) {
        Optional<UUID> kernel = imageId(properties, KERNEL_ID);
        Optional<UUID> ramdisk = imageId(properties, RAMDISK_ID);
        if (kernel.isEmpty()) {
            if (ramdisk.isPresent()) {
                // Nova ignores it silently; saying so is kinder than a guest that boots differently than asked.
                throw new BuildRefusedException("the image names a ramdisk (" + RAMDISK_ID + ") but no kernel ("
                        + KERNEL_ID + ")");
            }
            return Optional.empty();
        }
        String commandLine = properties.getOrDefault(COMMAND_LINE, "").strip();
        return Optional.of(new KernelBoot(kernel.get(), ramdisk,
                commandLine.isEmpty() ? DEFAULT_COMMAND_LINE : commandLine, files.kernel(),
                ramdisk.map(id -> files.ramdisk())));
    }

    private static Optional<UUID> imageId(Map<String, String> properties, String key) {
        String value = properties.getOrDefault(key, "").strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(value);
            // fromString also takes short forms ("1-2-3-4-5"), which name no image file.
            if (id.toString().equalsIgnoreCase(value)) {
                return Optional.of(id);
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new BuildRefusedException("image property " + key + " is not an image uuid: '" + value + "'");
    }
}
