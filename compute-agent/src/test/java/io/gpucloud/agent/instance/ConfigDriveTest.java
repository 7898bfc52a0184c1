package io.gpucloud.agent.instance;

import static io.gpucloud.agent.instance.IsoTools.assumeInstalled;
import static io.gpucloud.agent.instance.IsoTools.extract;
import static io.gpucloud.agent.instance.IsoTools.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Config drives as cloud-init finds and reads them: blkid's label {@code config-2} and type iso9660, the OpenStack
 * files with their exact lower-case names (Rock Ridge for Linux, Joliet for cloudbase-init) and exact bytes, checked
 * with isoinfo, isovfy and blkid, and where the kernel can, a loop mount. Also: the image replaces an older one
 * whole, and a failed write leaves nothing. The tool checks skip only without the tool.
 */
class ConfigDriveTest {

    private static final byte[] META_DATA = "{\"uuid\":\"4f7e…\",\"hostname\":\"vm-1\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final List<String> LAID_OUT = List.of("/openstack", "/openstack/latest",
            "/openstack/latest/meta_data.json", "/openstack/latest/user_data");

    @TempDir
    Path work;

    private final ConfigDrive drive = new ConfigDrive(Clock.fixed(Instant.parse("2025-06-01T08:00:00Z"),
            ZoneOffset.UTC));

    @Test
    void isoinfoFindsTheLabelRockRidgeAndJoliet() throws IOException {
        assumeInstalled("isoinfo", "genisoimage");
        Path iso = write(Optional.of(allByteValues()));

        assertThat(lines(iso, "-d")).contains("Volume id: config-2", "Publisher id: gpucloud compute agent",
                "Volume size is: " + Files.size(iso) / 2048, "Joliet with UCS level 3 found",
                "Rock Ridge signatures version 1 found");
    }

    @Test
    void rockRidgeAndJolietGiveTheExactNamesAndBytes() throws IOException {
        assumeInstalled("isoinfo", "genisoimage");
        byte[] userData = allByteValues();
        Path iso = write(Optional.of(userData));

        for (String names : List.of("-R", "-J")) {
            assertThat(lines(iso, names, "-f")).as(names).containsExactlyElementsOf(LAID_OUT);
            assertThat(extract(iso, names, "/openstack/latest/meta_data.json")).as(names).isEqualTo(META_DATA);
            assertThat(extract(iso, names, "/openstack/latest/user_data")).as(names).isEqualTo(userData);
        }
        assertThat(lines(iso, "-f")).containsExactly("/OPENSTACK", "/OPENSTACK/LATEST",
                "/OPENSTACK/LATEST/META_DATA.JSON;1", "/OPENSTACK/LATEST/USER_DATA.;1");
        assertThat(lines(iso, "-R", "-l")).anyMatch(line -> line.matches("-r--r--r-- +1 +0 +0 +256 .* user_data ?"));
    }

    @Test
    void anEmptyUserDataIsAnEmptyFileAndNoneIsNoFile() throws IOException {
        assumeInstalled("isoinfo", "genisoimage");
        Path empty = write(Optional.of(new byte[0]));
        Path none = work.resolve("none.iso");
        drive.write(new ConfigDriveContent(META_DATA, Optional.empty()), none);

        assertThat(lines(empty, "-R", "-f")).containsExactlyElementsOf(LAID_OUT);
        assertThat(extract(empty, "-R", "/openstack/latest/user_data")).isEmpty();
        assertThat(extract(empty, "-J", "/openstack/latest/user_data")).isEmpty();
        assertThat(lines(none, "-R", "-f")).containsExactlyElementsOf(LAID_OUT.subList(0, 3));
        assertThat(extract(none, "-R", "/openstack/latest/meta_data.json")).isEqualTo(META_DATA);
    }

    @Test
    void blkidFindsItByLabel() throws IOException {
        assumeInstalled("blkid", "util-linux");
        Path iso = write(Optional.of(allByteValues()));

        // cloud-init looks for the device whose filesystem label is config-2.
        assertThat(IsoTools.text("blkid", "-c", "/dev/null", "-o", "value", "-s", "LABEL", iso.toString()))
                .isEqualTo("config-2\n");
        assertThat(IsoTools.text("blkid", "-c", "/dev/null", "-o", "value", "-s", "TYPE", iso.toString()))
                .isEqualTo("iso9660\n");
    }

    @Test
    void isovfyFindsNoErrors() throws IOException {
        assumeInstalled("isovfy", "genisoimage");

        assertThat(IsoTools.text("isovfy", write(Optional.of(allByteValues())).toString()))
                .contains("No errors found");
    }

    @Test
    void listsAsGenisoimagesImageDoes() throws IOException {
        assumeInstalled("isoinfo", "genisoimage");
        assumeInstalled("genisoimage", "genisoimage");
        byte[] userData = allByteValues();
        Path ours = write(Optional.of(userData));
        // The command the agent ran before.
        Path tree = Files.createDirectories(work.resolve("tree/openstack/latest"));
        Files.write(tree.resolve("meta_data.json"), META_DATA);
        Files.write(tree.resolve("user_data"), userData);
        Path theirs = work.resolve("genisoimage.iso");
        IsoTools.run("genisoimage", "-o", theirs.toString(), "-V", "config-2", "-J", "-r", "-l", "-quiet",
                "-publisher", "gpucloud compute agent", work.resolve("tree").toString());

        for (List<String> options : List.of(List.of("-f"), List.of("-R", "-f"), List.of("-J", "-f"))) {
            String[] args = options.toArray(String[]::new);
            assertThat(lines(ours, args)).as(options.toString()).isEqualTo(lines(theirs, args));
        }
        for (String line : List.of("Volume id: ", "Publisher id: ", "Joliet ", "Rock Ridge ")) {
            assertThat(lines(ours, "-d")).as(line).filteredOn(l -> l.startsWith(line))
                    .isEqualTo(lines(theirs, "-d").stream().filter(l -> l.startsWith(line)).toList());
        }
    }

    /** Where the kernel has iso9660 and loop devices (not in every container): what the guest's mount shows. */
    @Test
    void linuxMountsItWithTheRealNames() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting needs root");
        assumeInstalled("mount", "mount");
        byte[] userData = allByteValues();
        Path iso = write(Optional.of(userData));
        Path mountPoint = Files.createDirectories(work.resolve("mnt"));
        IsoTools.Result mount = IsoTools.tryRun("mount", "-t", "iso9660", "-o", "loop,ro", iso.toString(),
                mountPoint.toString());
        assumeTrue(mount.exit() == 0, "cannot loop-mount an ISO 9660 image here: "
                + new String(mount.stderr(), StandardCharsets.UTF_8).strip());
        try {
            Map<String, byte[]> files = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(mountPoint)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    files.put(mountPoint.relativize(file).toString(), Files.readAllBytes(file));
                }
            }
            assertThat(files.keySet()).containsExactly("openstack/latest/meta_data.json",
                    "openstack/latest/user_data");
            assertThat(files.get("openstack/latest/meta_data.json")).isEqualTo(META_DATA);
            assertThat(files.get("openstack/latest/user_data")).isEqualTo(userData);
        } finally {
            IsoTools.run("umount", mountPoint.toString());
        }
    }

    @Test
    void replacesAnOlderImageWholeAndLeavesNoTemporaryFile() throws IOException {
        Path iso = write(Optional.of(allByteValues()));
        byte[] first = Files.readAllBytes(iso);

        drive.write(new ConfigDriveContent("{}".getBytes(StandardCharsets.UTF_8), Optional.empty()), iso);

        assertThat(Files.readAllBytes(iso)).isNotEqualTo(first);
        assertThat(Files.size(iso) % 2048).isZero();
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("config.iso");
        }
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        ConfigDriveContent content = new ConfigDriveContent(META_DATA, Optional.of(allByteValues()));
        // The rename fails: a directory that is not empty is in the way.
        Path inTheWay = Files.createDirectories(work.resolve("config.iso"));
        Files.writeString(inTheWay.resolve("keep"), "x");

        assertThatThrownBy(() -> drive.write(content, inTheWay)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot write the config drive");
        assertThatThrownBy(() -> drive.write(content, work.resolve("missing/config.iso")))
                .isInstanceOf(UncheckedIOException.class);

        try (Stream<Path> files = Files.walk(work)) {
            assertThat(files.map(file -> work.relativize(file).toString())).containsExactlyInAnyOrder("",
                    "config.iso", "config.iso/keep");
        }
    }

    private Path write(Optional<byte[]> userData) {
        Path iso = work.resolve("config.iso");
        drive.write(new ConfigDriveContent(META_DATA, userData), iso);
        return iso;
    }

    /** User data can be anything, gzip for one: every byte value, with CR, LF and NUL among them. */
    private static byte[] allByteValues() {
        byte[] data = new byte[256];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        return data;
    }
}
