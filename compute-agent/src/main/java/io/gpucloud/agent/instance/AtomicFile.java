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
 *
 * <p>Blocks of zeros are left as holes: the files written here (a qcow2 overlay, a config drive) are mostly zeros,
 * ~190 of an overlay's 192 KiB, and every byte written is copied into the page cache and then synced to the disk
 * on each build. A hole reads as zeros, so the content is the same.
 */
final class AtomicFile {

    /** The file system's usual block: a hole smaller than one allocates nothing less. */
    static final int BLOCK = 4096;

    private static final ByteBuffer ZEROS = ByteBuffer.allocate(BLOCK).asReadOnlyBuffer();

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
                writeSkippingZeroBlocks(channel, content);
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

    /** Writes the content from its position on, except whole blocks of zeros, and gives the file its full length. */
    static void writeSkippingZeroBlocks(FileChannel channel, ByteBuffer content) throws IOException {
        int start = content.position();
        int length = content.remaining();
        int run = -1; // where the current run of non-zero blocks began, relative to start
        for (int block = 0; block < length; block += BLOCK) {
            int size = Math.min(BLOCK, length - block);
            boolean zero = content.slice(start + block, size).mismatch(ZEROS.slice(0, size)) < 0;
            if (!zero && run < 0) {
                run = block;
            } else if (zero && run >= 0) {
                writeFully(channel, content.slice(start + run, block - run), run);
                run = -1;
            }
        }
        if (run >= 0) {
            writeFully(channel, content.slice(start + run, length - run), run);
        } else if (length > 0) {
            // The file ends in a hole: its last byte (a zero) sets the length.
            writeFully(channel, ZEROS.slice(0, 1), length - 1L);
        }
        content.position(start + length);
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }
}
