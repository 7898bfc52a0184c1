package io.gpucloud.agent.domain;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The guest's files on the host: the root disk (a qcow2 overlay), the config drive ISO when there is one, the file
 * the serial console is logged to, and where the kernel and initramfs are copied when the image asks for direct kernel
 * boot ({@link KernelBoot}).
 */
public record GuestFiles(Path rootDisk, Optional<Path> configDrive, Path consoleLog, Path kernel, Path ramdisk) {

    public GuestFiles {
        requireNonNull(rootDisk, "rootDisk is null");
        requireNonNull(configDrive, "configDrive is null");
        requireNonNull(consoleLog, "consoleLog is null");
        requireNonNull(kernel, "kernel is null");
        requireNonNull(ramdisk, "ramdisk is null");
    }
}
