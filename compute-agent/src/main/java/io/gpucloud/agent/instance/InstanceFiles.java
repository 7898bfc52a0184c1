package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.domain.GuestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.UUID;

/**
 * One instance's directory, {@code <state-dir>/instances/<uuid>/}: {@code disk.qcow2} (root disk overlay),
 * {@code config.iso} (config drive), {@code console.log} (serial console), {@code kernel} and {@code ramdisk} (direct
 * kernel boot). Everything of an instance is in it, so removing it removes all.
 */
public record InstanceFiles(Path directory) {

    public InstanceFiles {
        requireNonNull(directory, "directory is null");
    }

    public static InstanceFiles of(Path stateDir, UUID instance) {
        return new InstanceFiles(stateDir.resolve("instances").resolve(instance.toString()));
    }

    public Path rootDisk() {
        return directory.resolve("disk.qcow2");
    }

    public Path configDrive() {
        return directory.resolve("config.iso");
    }

    public Path consoleLog() {
        return directory.resolve("console.log");
    }

    /** The kernel's copy, for direct kernel boot (a copy: the guest keeps booting if the image goes away). */
    public Path kernel() {
        return directory.resolve("kernel");
    }

    /** The initramfs's copy, for direct kernel boot. */
    public Path ramdisk() {
        return directory.resolve("ramdisk");
    }

    public GuestFiles guestFiles(boolean withConfigDrive) {
        return new GuestFiles(rootDisk(), withConfigDrive ? Optional.of(configDrive()) : Optional.empty(),
                consoleLog(), kernel(), ramdisk());
    }

    public void create() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    public boolean exists() {
        return Files.exists(directory);
    }

    /** Removes the directory and all in it; nothing to do when it is gone already. */
    public void remove() {
        deleteTree(directory);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null && !(failure instanceof NoSuchFileException)) {
                        throw failure;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // Removed concurrently: the goal is reached.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
