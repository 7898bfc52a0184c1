package io.gpucloud.agent.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Java-written overlays checked by qemu-img itself (Debian qemu-utils): {@code check} finds no errors or leaks,
 * {@code info} reads size and backing file, the metadata is laid out as {@code qemu-img create} lays it out, reads
 * go through to the base and writes (qemu-io) stay in the overlay. Those tests skip only without qemu-img.
 */
class QcowOverlayTest {

    private static final long GIB = 1L << 30;
    private static final int CLUSTER = 65536;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    private final QcowOverlay overlays = new QcowOverlay();
    private final ExternalCommand commands = new ExternalCommand(Duration.ofSeconds(30));

    /** 1000 GiB: 2000 L1 entries, still one cluster; 8192 GiB: 16384 entries, two clusters. */
    @ParameterizedTest
    @ValueSource(ints = {1, 20, 1000, 8192})
    void qemuImgReadsAnEmptyOverlayOfTheGivenSize(int sizeGb) throws IOException {
        needsQemuImg();
        Path base = qcow2Base("1G");
        Path overlay = work.resolve("disk.qcow2");

        overlays.createOverlay(base, overlay, sizeGb);

        assertCheckedAndDescribed(overlay, base, sizeGb * GIB);
        assertLaidOutAsQemuImgDoes(overlay, base, sizeGb + "G");
    }

    @Test
    void sizeZeroKeepsTheBaseSize() throws IOException {
        needsQemuImg();
        Path base = qcow2Base("1536M"); // three L1 entries: not a whole number of them per GiB

        overlays.createOverlay(base, work.resolve("disk.qcow2"), 0);

        assertCheckedAndDescribed(work.resolve("disk.qcow2"), base, 1536L << 20);
        assertLaidOutAsQemuImgDoes(work.resolve("disk.qcow2"), base, null);
    }

    @Test
    void anEmptyBaseGivesAnEmptyOverlayWithoutL1Table() throws IOException {
        needsQemuImg();
        Path base = qcow2Base("0");

        overlays.createOverlay(base, work.resolve("disk.qcow2"), 0);

        assertCheckedAndDescribed(work.resolve("disk.qcow2"), base, 0);
        assertLaidOutAsQemuImgDoes(work.resolve("disk.qcow2"), base, null);
    }

    @Test
    void readsGoToTheBaseAndWritesStayInTheOverlay() throws IOException {
        needsQemuImg();
        Path raw = work.resolve("base.raw");
        byte[] data = new byte[2 << 20];
        Arrays.fill(data, 0, 1 << 20, (byte) 0xab); // first MiB 0xab, second zeros
        Files.write(raw, data);
        Path base = work.resolve("base.qcow2");
        commands.run(List.of("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw.toString(), base.toString()));
        Path overlay = work.resolve("disk.qcow2");
        Path bigger = work.resolve("bigger.qcow2");

        overlays.createOverlay(base, overlay, 0);
        overlays.createOverlay(base, bigger, 1);

        assertThat(commands.run(List.of("qemu-img", "compare", base.toString(), overlay.toString())))
                .contains("Images are identical");
        // Past the base's end the overlay reads zeros, which compare counts as identical (without -s).
        assertThat(commands.run(List.of("qemu-img", "compare", base.toString(), bigger.toString())))
                .contains("Images are identical");

        assumeTrue(ExternalCommand.onPath("qemu-io"), "qemu-io (Debian qemu-utils) is not installed");
        byte[] baseBefore = Files.readAllBytes(base);
        qemuIo(overlay, "write -P 0xcd 512k 64k");
        qemuIo(overlay, "read -P 0xcd 512k 64k");
        qemuIo(overlay, "read -P 0xab 0 512k");
        qemuIo(overlay, "read -P 0xab 576k 448k");
        qemuIo(overlay, "read -P 0 1M 1M");
        qemuIo(base, "read -P 0xab 512k 64k");
        assertThat(Files.readAllBytes(base)).isEqualTo(baseBefore);
        assertThat(commands.run(List.of("qemu-img", "check", overlay.toString())))
                .contains("No errors were found on the image");
    }

    @Test
    void aBaseThatIsNotQcow2IsRefusedAndNothingIsLeft() throws IOException {
        Path base = Files.write(work.resolve("base.raw"), new byte[1 << 20]);

        assertThatThrownBy(() -> overlays.createOverlay(base, work.resolve("disk.qcow2"), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base image " + base.toAbsolutePath() + " is not a qcow2 image");
        assertThat(filesIn(work)).containsExactly("base.raw");
    }

    @Test
    void aMissingBaseIsRefusedAndNothingIsLeft() throws IOException {
        assertThatThrownBy(() -> overlays.createOverlay(work.resolve("gone.qcow2"), work.resolve("disk.qcow2"), 10))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("gone.qcow2 does not exist");
        assertThat(filesIn(work)).isEmpty();
    }

    @Test
    void sizesQcow2CannotHoldAreRefused() throws IOException {
        assertThatThrownBy(() -> overlays.createOverlay(work.resolve("base.qcow2"), work.resolve("disk.qcow2"), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        needsQemuImg();
        Path base = qcow2Base("1G");
        // qemu-img's limit too: a 32 MiB L1 table maps 2 PiB.
        assertThatThrownBy(() -> overlays.createOverlay(base, work.resolve("disk.qcow2"), 3_000_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large for qcow2");
        assertThat(filesIn(work)).containsExactly("base.qcow2");
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        needsQemuImg();
        Path base = qcow2Base("1G");
        Path overlay = Files.writeString(work.resolve("disk.qcow2"), "a crashed attempt's leftover");

        overlays.createOverlay(base, overlay, 2);

        assertCheckedAndDescribed(overlay, base, 2 * GIB);
        assertThat(filesIn(work)).containsExactlyInAnyOrder("base.qcow2", "disk.qcow2");
    }

    private static void needsQemuImg() {
        assumeTrue(ExternalCommand.onPath("qemu-img"), "qemu-img (Debian qemu-utils) is not installed");
    }

    private Path qcow2Base(String size) {
        Path base = work.resolve("base.qcow2");
        commands.run(List.of("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), size));
        return base;
    }

    private void qemuIo(Path image, String command) {
        assertThat(commands.run(List.of("qemu-io", "-f", "qcow2", "-c", command, image.toString())))
                .doesNotContain("failed");
    }

    private void assertCheckedAndDescribed(Path overlay, Path base, long virtualSize) {
        // Exit 0 (ExternalCommand throws otherwise): no corruptions, no leaks.
        assertThat(commands.run(List.of("qemu-img", "check", overlay.toString())))
                .contains("No errors were found on the image");
        JsonNode info = JSON.readTree(commands.run(List.of("qemu-img", "info", "--output=json", overlay.toString())));
        String backing = base.toAbsolutePath().toString();
        assertThat(info.path("format").asString()).isEqualTo("qcow2");
        assertThat(info.path("virtual-size").asLong()).isEqualTo(virtualSize);
        assertThat(info.path("cluster-size").asLong()).isEqualTo(CLUSTER);
        assertThat(info.path("backing-filename").asString()).isEqualTo(backing);
        assertThat(info.path("full-backing-filename").asString()).isEqualTo(backing);
        assertThat(info.path("backing-filename-format").asString()).isEqualTo("qcow2");
        assertThat(info.path("dirty-flag").asBoolean()).isFalse();
        JsonNode specific = info.path("format-specific").path("data");
        assertThat(specific.path("compat").asString()).isEqualTo("1.1");
        assertThat(specific.path("refcount-bits").asInt()).isEqualTo(16);
    }

    /**
     * The same header fields as qemu-img's own overlay but where the backing file name is (qemu-img puts a feature
     * name table before it), and byte for byte the same refcount table, refcount block and L1 table.
     */
    private void assertLaidOutAsQemuImgDoes(Path overlay, Path base, String size) throws IOException {
        Path reference = work.resolve("reference.qcow2");
        List<String> create = new ArrayList<>(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F",
                "qcow2", "-b", base.toAbsolutePath().toString(), reference.toString()));
        if (size != null) {
            create.add(size);
        }
        commands.run(create);
        byte[] ours = Files.readAllBytes(overlay);
        byte[] theirs = Files.readAllBytes(reference);
        Files.delete(reference);

        assertThat(ours.length).isEqualTo(theirs.length);
        assertThat(header(ours)).isEqualTo(header(theirs));
        assertThat(Arrays.copyOfRange(ours, CLUSTER, ours.length))
                .isEqualTo(Arrays.copyOfRange(theirs, CLUSTER, theirs.length));
        ByteBuffer header = ByteBuffer.wrap(ours);
        String name = new String(ours, (int) header.getLong(8), header.getInt(16), StandardCharsets.UTF_8);
        assertThat(name).isEqualTo(base.toAbsolutePath().toString());
    }

    /** The 112-byte header without backing_file_offset. */
    private static byte[] header(byte[] image) {
        byte[] header = Arrays.copyOf(image, 112);
        Arrays.fill(header, 8, 16, (byte) 0);
        return header;
    }

    private static List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
