package io.gpucloud.agent.instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file that appears complete or not at all: written beside the target, synced and renamed over it (a
 * rename within one directory replaces the target atomically); on failure nothing is left behind.
 */
final class AtomicFile {

    private AtomicFile() {
    }

    /**
     * @param what names the file in the error message
     * @throws UncheckedIOException when it cannot be written
     */
    static void write(Path target, ByteBuffer content, String what) {
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            // Default permissions (umask), as qemu-img and genisoimage created these: libvirt's QEMU must open them.
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + what + " " + target + ": " + e.getMessage(), e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // The instance directory is removed whole when the build is undone.
                }
            }
        }
    }
}
