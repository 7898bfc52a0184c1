package io.gpucloud.agent.instance;

import static io.gpucloud.agent.instance.IsoTools.assumeInstalled;
import static io.gpucloud.agent.instance.IsoTools.extract;
import static io.gpucloud.agent.instance.IsoTools.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Iso9660Image} checked with the real readers: isoinfo (Rock Ridge, Joliet and primary names, extraction,
 * path tables), isovfy (directory records and SUSP entries) and blkid, on a tree with every case the writer handles:
 * eight levels, a directory of several sectors, names that need mapping or shortening or collide in upper case,
 * files of 0, 2048, 2049 and 300000 bytes. Those tests skip only without the tool.
 */
class Iso9660ImageTest {

    private static final Instant TIME = Instant.parse("2025-03-01T12:34:56.78Z");
    private static final String LONG_NAME = "x".repeat(100) + ".json";
    private static final String UNICODE_NAME = "Ünïcödé naïve.txt"; // in ISO 8859-1, as isoinfo prints Joliet

    @TempDir
    Path work;

    /** Real path → data. */
    private static Map<String, byte[]> tree() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("top", bytes("at the root, no extension"));
        files.put("a/b/c/d/e/f/g/deep.txt", bytes("eight levels, the most ECMA-119 allows"));
        for (int i = 0; i < 80; i++) {
            files.put("many/file-number-" + i + ".data", bytes("file " + i)); // records over several sectors
        }
        files.put("names/UPPER.TXT", bytes("upper"));
        files.put("names/upper.txt", bytes("lower")); // the same primary identifier: one becomes UPPER1.TXT
        files.put("names/" + LONG_NAME, bytes("long"));
        files.put("names/a.b.c.tar.gz", bytes("dots"));
        files.put("names/q?:*.txt", bytes("Joliet forbids ? : *"));
        files.put("names/.hidden", bytes("no stem"));
        files.put("names/" + UNICODE_NAME, bytes("unicode"));
        files.put("sizes/empty", new byte[0]);
        files.put("sizes/one-sector", pattern(2048));
        files.put("sizes/one-sector-and-a-byte", pattern(2049));
        files.put("sizes/big.bin", pattern(300_000));
        return files;
    }

    /** The Joliet name of a real path: forbidden characters replaced, over 64 characters shortened. */
    private static String jolietPath(String path) {
        return path.replace(LONG_NAME, "x".repeat(59) + ".json").replace("q?:*.txt", "q___.txt");
    }

    @Test
    void rockRidgeGivesEveryRealNameAndByte() throws IOException {
        assumeInstalled("isoinfo", "genisoimage");
        Path iso = write(tree());

        assertThat(lines(iso, "-R", "-f")).containsExactlyInAnyOrderElementsOf(withDirectories(tree().keySet()));
        for (Map.Entry<String, byte[]> file : tree().entrySet()) {
            if (!file.getKey().equals("names/" + UNICODE_NAME)) { // a non-ASCII argument depends on the locale
                assertThat(extract(iso, "-R", "/" + file.getKey())).as(file.getKey()).isEqualTo(file.getValue());
            }
        }
        assertThat(lines(iso, "-R", "-l")).anyMatch(line -> line.matches("-r--r--r-- +1 +0 +0 +0 .* empty ?"))
                .anyMatch(line -> line.matches("-r--r--r-- +1 +0 +0 +300000 .* big\\.bin ?"));
    }

    @Test
    void jolietGivesTheNamesWindowsSees() throws IOException {
        assumeInstalled("isoinfo", "genisoimage");
        Path iso = write(tree());

        List<String> expected = withDirectories(tree().keySet()).stream().map(Iso9660ImageTest::jolietPath).toList();
        assertThat(lines(iso, "-J", "-f")).containsExactlyInAnyOrderElementsOf(expected);
        for (Map.Entry<String, byte[]> file : tree().entrySet()) {
            if (!file.getKey().equals("names/" + UNICODE_NAME)) {
                assertThat(extract(iso, "-J", "/" + jolietPath(file.getKey()))).as(file.getKey())
                        .isEqualTo(file.getValue());
            }
        }
    }

    @Test
    void primaryNamesAreUpperCaseLevelTwoIdentifiers() throws IOException {
        assumeInstalled("isoinfo", "genisoimage");
        Path iso = write(tree());

        List<String> paths = lines(iso, "-f");

        assertThat(paths).hasSize(withDirectories(tree().keySet()).size())
                .contains("/TOP.;1", "/A/B/C/D/E/F/G/DEEP.TXT;1", "/NAMES/UPPER.TXT;1", "/NAMES/UPPER1.TXT;1",
                        "/NAMES/A_B_C_TAR.GZ;1", "/NAMES/.HIDDEN;1", "/NAMES/" + "X".repeat(25) + ".JSON;1",
                        "/SIZES/EMPTY.;1", "/MANY/FILE_NUMBER_79.DATA;1");
        for (String path : paths) {
            String[] components = path.substring(1).split("/");
            for (int i = 0; i < components.length - 1; i++) {
                assertThat(components[i]).matches("[A-Z0-9_]{1,31}");
            }
            String last = components[components.length - 1];
            assertThat(last).matches("[A-Z0-9_]{1,31}|[A-Z0-9_]*\\.[A-Z0-9_]*;1");
            assertThat(last.replace(";1", "").length()).isLessThanOrEqualTo(31);
        }
    }

    @Test
    void isovfyFindsNoErrorsAndThePathTablesMatchTheDirectories() throws IOException {
        assumeInstalled("isoinfo", "genisoimage");
        assumeInstalled("isovfy", "genisoimage");
        Path iso = write(tree());

        assertThat(IsoTools.text("isovfy", iso.toString())).contains("No errors found");
        // isoinfo reads the L tables; each directory's extent there is where its "." record says it is.
        Map<String, Integer> primary = pathTable(iso);
        assertThat(primary).hasSize(11).containsKey("/A/B/C/D/E/F/G/").isEqualTo(listedDirectories(iso));
        Map<String, Integer> joliet = pathTable(iso, "-J");
        assertThat(joliet).hasSize(11).containsKey("/a/b/c/d/e/f/g/").isEqualTo(listedDirectories(iso, "-J"));
        // The M tables say the same, big-endian.
        ByteBuffer image = ByteBuffer.wrap(Files.readAllBytes(iso));
        for (int descriptor : new int[] {16, 17}) {
            assertThat(mTable(image, descriptor)).isEqualTo(lTable(image, descriptor));
        }
        // 80 records of about 120 bytes: the directory takes several sectors, each record within one.
        Pattern many = Pattern.compile("dr-xr-xr-x +2 +0 +0 +(\\d+) .* many ?");
        assertThat(lines(iso, "-R", "-l").stream().map(many::matcher).filter(Matcher::matches)
                .map(matcher -> Integer.parseInt(matcher.group(1)))).singleElement()
                .satisfies(size -> assertThat(size).isGreaterThan(2048).matches(n -> n % 2048 == 0));
    }

    @Test
    void blkidReadsLabelAndType() throws IOException {
        assumeInstalled("blkid", "util-linux");
        Path iso = write(tree());

        assertThat(IsoTools.text("blkid", "-c", "/dev/null", "-o", "value", "-s", "LABEL", iso.toString()))
                .isEqualTo("config-2\n");
        assertThat(IsoTools.text("blkid", "-c", "/dev/null", "-o", "value", "-s", "TYPE", iso.toString()))
                .isEqualTo("iso9660\n");
    }

    @Test
    void theVolumeSizeIsTheImageAndTheSameTreeGivesTheSameBytes() throws IOException {
        assumeInstalled("isoinfo", "genisoimage");
        Path iso = write(tree());

        assertThat(lines(iso, "-d")).contains("Volume id: config-2", "Publisher id: gpucloud test",
                "Logical block size is: 2048", "Volume size is: " + Files.size(iso) / 2048,
                "Joliet with UCS level 3 found", "Rock Ridge signatures version 1 found");
        assertThat(Files.size(iso) % 2048).isZero();
        assertThat(image(tree()).render().array()).isEqualTo(Files.readAllBytes(iso));
    }

    @Test
    void refusesWhatItCannotRecord() {
        Iso9660Image image = new Iso9660Image("config-2", "p", TIME).addFile("dir/file", new byte[1]);

        assertThatThrownBy(() -> image.addFile("1/2/3/4/5/6/7/8/file", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 8 levels");
        assertThatThrownBy(() -> image.addFile("dir/file", new byte[0])).hasMessageContaining("in the image already");
        assertThatThrownBy(() -> image.addFile("dir/file/below", new byte[0]))
                .hasMessageContaining("in the image already");
        assertThatThrownBy(() -> image.addFile("dir", new byte[0])).hasMessageContaining("in the image already");
        for (String path : List.of("", "/x", "x//y", "./x", "x/..", "x/" + "y".repeat(129), "nul\0")) {
            assertThatThrownBy(() -> image.addFile(path, new byte[0])).as(path)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no name");
        }
        assertThatThrownBy(() -> new Iso9660Image("x".repeat(33), "p", TIME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volume id");
        assertThatThrownBy(() -> new Iso9660Image("café", "p", TIME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volume id");
    }

    private Path write(Map<String, byte[]> files) throws IOException {
        Path iso = work.resolve("tree.iso");
        Files.write(iso, image(files).render().array());
        return iso;
    }

    private static Iso9660Image image(Map<String, byte[]> files) {
        Iso9660Image image = new Iso9660Image("config-2", "gpucloud test", TIME);
        files.forEach(image::addFile);
        return image;
    }

    /** "/"-prefixed paths of the files and of every directory above them, as isoinfo -f lists them. */
    private static List<String> withDirectories(Iterable<String> files) {
        TreeSet<String> paths = new TreeSet<>();
        for (String file : files) {
            for (int slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
                paths.add("/" + file.substring(0, slash));
            }
            paths.add("/" + file);
        }
        return new ArrayList<>(paths);
    }

    /** Directory path ("/A/B/") → extent, from isoinfo's dump of the L path table. */
    private static Map<String, Integer> pathTable(Path iso, String... names) {
        Pattern row = Pattern.compile("\\s*(\\d+):\\s+(\\d+)\\s+([0-9a-f]+)\\s?(.*)");
        Map<Integer, String> byNumber = new LinkedHashMap<>();
        Map<String, Integer> extents = new LinkedHashMap<>();
        for (String line : lines(iso, concat(names, "-p"))) {
            Matcher matcher = row.matcher(line);
            if (matcher.matches()) {
                int number = Integer.parseInt(matcher.group(1));
                String path = number == 1 ? "/"
                        : byNumber.get(Integer.parseInt(matcher.group(2))) + matcher.group(4).strip() + "/";
                byNumber.put(number, path);
                extents.put(path, Integer.parseInt(matcher.group(3), 16));
            }
        }
        return extents;
    }

    /** Directory path → the extent its "." record gives, from isoinfo -l. */
    private static Map<String, Integer> listedDirectories(Path iso, String... names) {
        Pattern self = Pattern.compile(".*\\[\\s*(\\d+) 02\\]\\s+\\.\\s*");
        Map<String, Integer> extents = new LinkedHashMap<>();
        String directory = null;
        for (String line : lines(iso, concat(names, "-l"))) {
            if (line.startsWith("Directory listing of ")) {
                directory = line.substring("Directory listing of ".length()).strip();
            }
            Matcher matcher = self.matcher(line);
            if (matcher.matches()) {
                extents.put(directory, Integer.parseInt(matcher.group(1)));
            }
        }
        return extents;
    }

    /** Records of a descriptor's L path table as (id, extent, parent), decoded little-endian. */
    private static List<String> lTable(ByteBuffer image, int descriptor) {
        int at = descriptor * 2048;
        int location = image.order(ByteOrder.LITTLE_ENDIAN).getInt(at + 140);
        return pathTableRecords(image, location, image.getInt(at + 132), ByteOrder.LITTLE_ENDIAN);
    }

    private static List<String> mTable(ByteBuffer image, int descriptor) {
        int at = descriptor * 2048;
        int location = image.order(ByteOrder.BIG_ENDIAN).getInt(at + 148);
        return pathTableRecords(image, location, image.getInt(at + 136), ByteOrder.BIG_ENDIAN);
    }

    private static List<String> pathTableRecords(ByteBuffer image, int sector, int size, ByteOrder order) {
        ByteBuffer table = image.slice(sector * 2048, size).order(order);
        List<String> records = new ArrayList<>();
        int at = 0;
        while (at < size) {
            int length = table.get(at) & 0xff;
            byte[] id = new byte[length];
            table.get(at + 8, id);
            records.add(new String(id, StandardCharsets.ISO_8859_1) + " " + table.getInt(at + 2) + " "
                    + table.getShort(at + 6));
            at += 8 + length + length % 2;
        }
        return records;
    }

    private static String[] concat(String[] options, String option) {
        String[] result = java.util.Arrays.copyOf(options, options.length + 1);
        result[options.length] = option;
        return result;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes that differ from sector to sector, so data in a wrong place shows. */
    private static byte[] pattern(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 31 + i / 2048);
        }
        return data;
    }
}
