package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes root disks: an empty qcow2 overlay over the base image, so a build copies nothing and the base stays shared.
 *
 * <p>The file is what {@code qemu-img create -f qcow2 -F qcow2 -b <base> <overlay> [<size>G]} writes (qcow2 version
 * 3, 64 KiB clusters, 16-bit refcounts), written here from the qcow2 specification (QEMU's
 * docs/interop/qcow2.txt) because starting qemu-img cost about 30 ms of CPU per build. {@code QcowOverlayTest} checks
 * the result with qemu-img itself.
 *
 * <p>Layout: cluster 0 holds the header, the backing format extension ("qcow2") and the backing file name; cluster 1
 * the refcount table, cluster 2 its one refcount block, then the L1 table (all entries zero: nothing allocated, every
 * read goes to the base). The refcount block counts these clusters once each.
 */
public final class QcowOverlay {

    private static final int MAGIC = 0x514649fb; // "QFI\xfb"
    private static final int VERSION = 3;
    private static final int CLUSTER_BITS = 16;
    private static final int CLUSTER = 1 << CLUSTER_BITS;
    /** Bytes of guest disk one L1 entry maps: one L2 table of 8-byte entries, each mapping a cluster. */
    private static final long L1_ENTRY_SPAN = (long) (CLUSTER / 8) * CLUSTER;
    /** QEMU refuses larger L1 tables (32 MiB), which caps a disk at 2 PiB with 64 KiB clusters. */
    private static final long MAX_L1_ENTRIES = 32L * 1024 * 1024 / 8;
    private static final int REFCOUNT_ORDER = 4; // 16-bit refcounts, QEMU's default
    private static final int HEADER_LENGTH = 112; // the version 3 header with the compression type byte, padded
    private static final int BACKING_FORMAT_EXTENSION = 0xE2792ACA;
    private static final byte[] BACKING_FORMAT = "qcow2".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_BACKING_NAME = 1023; // the specification's limit
    private static final long GIB = 1L << 30;

    /**
     * Writes {@code overlay} as an empty qcow2 image backed by {@code base} (named by its absolute path, format
     * qcow2). The file appears complete or not at all: it is written beside the target, synced and renamed over it.
     *
     * @param sizeGb the disk's virtual size in GiB; 0 keeps the base image's size (a flavor with no root disk size).
     *               Smaller than the base is allowed, as qemu-img allows it
     * @throws IllegalArgumentException when the size is negative or too large for qcow2, or the base is not qcow2
     * @throws UncheckedIOException     when the base cannot be read or the overlay cannot be written
     */
    public void createOverlay(Path base, Path overlay, int sizeGb) {
        requireNonNull(base, "base is null");
        requireNonNull(overlay, "overlay is null");
        if (sizeGb < 0) {
            throw new IllegalArgumentException("disk size must not be negative: " + sizeGb + " GiB");
        }
        Path backing = base.toAbsolutePath();
        long baseSize = virtualSize(backing);
        long size = sizeGb == 0 ? baseSize : sizeGb * GIB;
        AtomicFile.write(overlay.toAbsolutePath(), image(backing, size), "the root disk");
    }

    /** The virtual size in a qcow2 header (versions 2 and 3 keep it at the same place). */
    private static long virtualSize(Path image) {
        ByteBuffer header = ByteBuffer.allocate(32);
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.READ)) {
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // Read until the buffer is full or the file ends.
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("base image " + image + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read base image " + image + ": " + e.getMessage(), e);
        }
        header.flip();
        if (header.remaining() < 32 || header.getInt(0) != MAGIC) {
            throw new IllegalArgumentException("base image " + image + " is not a qcow2 image (no QFI\\xfb magic)");
        }
        int version = header.getInt(4);
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("base image " + image + " has unknown qcow2 version " + version);
        }
        return header.getLong(24);
    }

    /** The metadata of an empty image: header cluster, refcount table, refcount block and the L1 table. */
    private static ByteBuffer image(Path backing, long size) {
        byte[] name = backing.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_BACKING_NAME) {
            throw new IllegalArgumentException("base image path is longer than " + MAX_BACKING_NAME + " bytes: "
                    + backing);
        }
        long l1Entries = (size + L1_ENTRY_SPAN - 1) / L1_ENTRY_SPAN;
        if (size < 0 || l1Entries > MAX_L1_ENTRIES) {
            throw new IllegalArgumentException("a " + size + "-byte disk is too large for qcow2 with 64 KiB clusters");
        }
        int l1Bytes = (int) l1Entries * 8;
        int l1Clusters = (l1Bytes + CLUSTER - 1) / CLUSTER;
        long refcountTable = CLUSTER;
        long refcountBlock = 2L * CLUSTER;
        long l1Table = 3L * CLUSTER;

        // As qemu-img does, the file ends with the L1 table's last entry, not at a cluster boundary.
        ByteBuffer file = ByteBuffer.allocate(3 * CLUSTER + l1Bytes); // big-endian, zero-filled
        int extensions = HEADER_LENGTH;
        int nameOffset = extensions + 8 + padded(BACKING_FORMAT.length) + 8; // after the end-of-extensions marker
        file.putInt(0, MAGIC)
                .putInt(4, VERSION)
                .putLong(8, nameOffset) // backing_file_offset
                .putInt(16, name.length) // backing_file_size
                .putInt(20, CLUSTER_BITS)
                .putLong(24, size)
                .putInt(32, 0) // crypt_method: none
                .putInt(36, (int) l1Entries) // l1_size
                .putLong(40, l1Entries == 0 ? 0 : l1Table) // l1_table_offset, none for an empty disk (as qemu-img)
                .putLong(48, refcountTable)
                .putInt(56, 1) // refcount_table_clusters
                .putInt(60, 0) // nb_snapshots
                .putLong(64, 0) // snapshots_offset
                .putLong(72, 0) // incompatible_features
                .putLong(80, 0) // compatible_features
                .putLong(88, 0) // autoclear_features
                .putInt(96, REFCOUNT_ORDER)
                .putInt(100, HEADER_LENGTH); // byte 104, compression_type 0 (zlib), and padding stay zero
        file.putInt(extensions, BACKING_FORMAT_EXTENSION).putInt(extensions + 4, BACKING_FORMAT.length)
                .put(extensions + 8, BACKING_FORMAT); // padded to 8 bytes with zeros; then type 0: the end
        file.put(nameOffset, name); // not NUL-terminated: its length is in the header

        file.putLong((int) refcountTable, refcountBlock);
        // One refcount block (32768 counts) covers it all: at most 3 + 512 clusters with the largest L1 table.
        int metadataClusters = 3 + l1Clusters;
        for (int cluster = 0; cluster < metadataClusters; cluster++) {
            file.putShort((int) refcountBlock + 2 * cluster, (short) 1);
        }
        return file;
    }

    private static int padded(int length) {
        return (length + 7) & ~7;
    }
}
