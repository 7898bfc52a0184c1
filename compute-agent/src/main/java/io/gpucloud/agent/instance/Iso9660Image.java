package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An ISO 9660 image (ECMA-119) of a small tree of files, made in memory. Readers see the real names: Linux through
 * Rock Ridge ({@link RockRidge}), Windows through Joliet (a supplementary volume descriptor, escape sequence
 * {@code %/E}, with a hierarchy of UCS-2 names); the primary hierarchy's own names are upper-case level 2
 * identifiers ({@link IsoNames}). What {@code genisoimage -J -r -l} makes, written here because that process cost
 * about 20 ms of CPU per config drive. {@code Iso9660ImageTest} checks images with isoinfo, isovfy and blkid.
 *
 * <p>Layout in 2048-byte sectors: 0-15 the system area (zeros); 16 the primary volume descriptor, 17 Joliet's, 18
 * the terminator; the Rock Ridge continuation area (the ER entry, too long for the root's record); the primary
 * hierarchy's L and M path tables, then Joliet's; the primary directories, then Joliet's; then each file's data
 * from a sector of its own, shared by both hierarchies.
 *
 * <p>Not supported: files of 4 GiB or more (several extents), more than 8 directory levels (ECMA-119 6.8.2.1; Rock
 * Ridge would relocate deeper ones), names over 128 bytes (one NM entry in one record), images over 2 GiB.
 */
final class Iso9660Image {

    static final int SECTOR = 2048;
    private static final int FIRST_DESCRIPTOR = 16;
    private static final int MAX_LEVELS = 8;
    private static final int MAX_NAME_BYTES = 128;
    private static final int MAX_RECORD = 255;
    private static final byte[] SELF = {0};
    private static final byte[] PARENT = {1};
    private static final String SYSTEM = "LINUX";
    private static final DateTimeFormatter VOLUME_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSS");

    private final String volumeId;
    private final String publisher;
    private final Instant recorded;
    private final Node root = new Node("", null);

    /**
     * @param volumeId  the label (blkid's LABEL), up to 32 characters; Joliet's descriptor holds the first 16.
     *                  Written as given, as genisoimage -V writes it
     * @param publisher up to 128 characters
     * @param recorded  the time of every record and of the volume's creation
     */
    Iso9660Image(String volumeId, String publisher, Instant recorded) {
        this.volumeId = ascii(volumeId, 32, "volume id");
        this.publisher = ascii(publisher, 128, "publisher");
        this.recorded = requireNonNull(recorded, "recorded is null");
    }

    /**
     * Adds a file at a {@code /}-separated path; the directories on the way are made.
     *
     * @throws IllegalArgumentException for an empty or too long name, {@code .} or {@code ..}, a path too deep, or
     *                                  one that is taken (or runs through a file)
     */
    Iso9660Image addFile(String path, byte[] data) {
        requireNonNull(data, "data is null");
        String[] names = requireNonNull(path, "path is null").split("/", -1);
        if (names.length > MAX_LEVELS) {
            throw new IllegalArgumentException(path + ": more than " + MAX_LEVELS + " levels");
        }
        Node directory = root;
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0
                    || bytes.length > MAX_NAME_BYTES) {
                throw new IllegalArgumentException(path + ": '" + name + "' is no name for an image's file");
            }
            boolean last = i == names.length - 1;
            Node existing = directory.children.get(name);
            if (last && existing != null || !last && existing != null && !existing.isDirectory()) {
                throw new IllegalArgumentException(path + ": '" + name + "' is in the image already");
            }
            directory = last ? directory.add(new Node(name, data))
                    : existing != null ? existing : directory.add(new Node(name, null));
        }
        return this;
    }

    /** The whole image. */
    ByteBuffer render() {
        // Sizes first (they do not depend on places), then places, then the bytes.
        int next = FIRST_DESCRIPTOR + 3;
        int continuation = next++;
        byte[] er = RockRidge.er();
        Hierarchy primary = new Hierarchy(false, RockRidge.ce(continuation, 0, er.length));
        Hierarchy joliet = new Hierarchy(true, null);
        next = primary.placeTables(next);
        next = joliet.placeTables(next);
        next = primary.placeDirectories(next);
        next = joliet.placeDirectories(next);
        long end = next;
        for (Node file : files(root, new ArrayList<>())) {
            // An empty file gets no sector; readers read nothing at its location, 0.
            file.extent = file.data.length == 0 ? 0 : (int) end;
            end += sectors(file.data.length);
        }
        if (end * SECTOR > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an image of " + end * SECTOR + " bytes is too large");
        }
        int volumeSectors = (int) end;

        ByteBuffer image = ByteBuffer.allocate(volumeSectors * SECTOR);
        volumeDescriptor(image, FIRST_DESCRIPTOR, primary, volumeSectors);
        volumeDescriptor(image, FIRST_DESCRIPTOR + 1, joliet, volumeSectors);
        int terminator = (FIRST_DESCRIPTOR + 2) * SECTOR;
        image.put(terminator, (byte) 255).put(terminator + 1, ascii("CD001")).put(terminator + 6, (byte) 1);
        image.put(continuation * SECTOR, er);
        primary.writeTables(image);
        joliet.writeTables(image);
        primary.writeDirectories(image);
        joliet.writeDirectories(image);
        for (Node file : files(root, new ArrayList<>())) {
            image.put(file.extent * SECTOR, file.data);
        }
        return image;
    }

    /** A primary (type 1) or Joliet's supplementary (type 2) volume descriptor, ECMA-119 8.4 and 8.5. */
    private void volumeDescriptor(ByteBuffer image, int sector, Hierarchy hierarchy, int volumeSectors) {
        boolean joliet = hierarchy.joliet;
        int at = sector * SECTOR;
        image.put(at, (byte) (joliet ? 2 : 1)).put(at + 1, ascii("CD001")).put(at + 6, (byte) 1);
        text(image, at + 8, 32, SYSTEM, joliet);
        text(image, at + 40, 32, volumeId, joliet);
        both32(image, at + 80, volumeSectors);
        if (joliet) {
            image.put(at + 88, ascii("%/E")); // UCS-2 level 3
        }
        both16(image, at + 120, 1); // volume set size
        both16(image, at + 124, 1); // volume sequence number
        both16(image, at + 128, SECTOR);
        both32(image, at + 132, hierarchy.tableSize);
        image.putInt(at + 140, Integer.reverseBytes(hierarchy.lTable)); // no optional L table at 144
        image.putInt(at + 148, hierarchy.mTable); // no optional M table at 152
        Directory top = hierarchy.directories.get(0);
        image.put(at + 156, record(top.extent, top.size, true, SELF, new byte[0]));
        text(image, at + 190, 128, "", joliet); // volume set
        text(image, at + 318, 128, publisher, joliet);
        text(image, at + 446, 128, "", joliet); // data preparer
        text(image, at + 574, 128, "", joliet); // application
        text(image, at + 702, 37, "", joliet); // copyright file
        text(image, at + 739, 37, "", joliet); // abstract file
        text(image, at + 776, 37, "", joliet); // bibliographic file
        // Digits to the hundredth; the offset byte after each date stays 0 (UTC).
        String time = ZonedDateTime.ofInstant(recorded, ZoneOffset.UTC).format(VOLUME_TIME);
        image.put(at + 813, ascii(time)).put(at + 830, ascii(time)) // creation, modification
                .put(at + 847, ascii("0".repeat(16))) // expiration: none
                .put(at + 864, ascii(time)) // effective
                .put(at + 881, (byte) 1); // file structure version
    }

    /**
     * One directory record (ECMA-119 9.1), of even length: a padding byte follows an identifier of even length, and
     * the System Use entries follow that.
     */
    private byte[] record(int extent, int length, boolean directory, byte[] id, byte[] systemUse) {
        int idField = id.length + (id.length % 2 == 0 ? 1 : 0);
        int size = 33 + idField + systemUse.length;
        size += size % 2;
        if (size > MAX_RECORD) {
            throw new IllegalStateException("a directory record of " + size + " bytes"); // names are checked before
        }
        ZonedDateTime time = ZonedDateTime.ofInstant(recorded, ZoneOffset.UTC);
        ByteBuffer record = ByteBuffer.allocate(size);
        record.put(0, (byte) size);
        both32(record, 2, extent);
        both32(record, 10, length);
        record.put(18, (byte) (time.getYear() - 1900)).put(19, (byte) time.getMonthValue())
                .put(20, (byte) time.getDayOfMonth()).put(21, (byte) time.getHour()).put(22, (byte) time.getMinute())
                .put(23, (byte) time.getSecond()); // 24: offset from UTC, 0
        record.put(25, (byte) (directory ? 2 : 0));
        both16(record, 28, 1); // volume sequence number
        record.put(32, (byte) id.length).put(33, id).put(33 + idField, systemUse);
        return record.array();
    }

    /** One hierarchy over the tree: the primary one (with Rock Ridge) or Joliet's, each with its names and tables. */
    private final class Hierarchy {

        final boolean joliet;
        /** The root's CE entry, pointing at the ER entry (primary hierarchy only). */
        final byte[] continuation;
        /** In path table order: by level, then parent's number, then identifier (ECMA-119 6.9.1). */
        final List<Directory> directories = new ArrayList<>();
        final Map<Node, Directory> byNode = new IdentityHashMap<>();
        int tableSize;
        int lTable;
        int mTable;

        Hierarchy(boolean joliet, byte[] continuation) {
            this.joliet = joliet;
            this.continuation = continuation;
            add(new Directory(root, null, SELF, 1, entries(root)));
            // Breadth first over sorted entries gives the path table order.
            for (int i = 0; i < directories.size(); i++) {
                Directory directory = directories.get(i);
                for (Entry entry : directory.entries) {
                    if (entry.node.isDirectory()) {
                        add(new Directory(entry.node, directory, entry.id, directories.size() + 1,
                                entries(entry.node)));
                    }
                }
            }
            for (Directory directory : directories) {
                tableSize += 8 + directory.id.length + directory.id.length % 2;
            }
        }

        private void add(Directory directory) {
            directories.add(directory);
            byNode.put(directory.node, directory);
        }

        /** The directory's children with their identifiers, in ECMA-119 9.3 order. */
        private List<Entry> entries(Node directory) {
            Set<String> taken = new HashSet<>();
            List<Entry> entries = new ArrayList<>();
            Map<String, Node> sorted = new TreeMap<>(IsoNames.ORDER);
            for (Node child : directory.children.values()) {
                boolean isDirectory = child.isDirectory();
                String id = joliet ? IsoNames.joliet(child.name, isDirectory)
                        : IsoNames.primary(child.name, isDirectory);
                int max = joliet ? IsoNames.JOLIET_MAX
                        : isDirectory ? IsoNames.PRIMARY_DIRECTORY_MAX : IsoNames.PRIMARY_FILE_MAX;
                sorted.put(IsoNames.unique(id, taken, max), child);
            }
            sorted.forEach((id, child) -> entries.add(new Entry(child, identifier(id, child.isDirectory()))));
            return entries;
        }

        /** The identifier's bytes: UCS-2 big-endian for Joliet; a primary file's with version ";1". */
        private byte[] identifier(String id, boolean directory) {
            return joliet ? id.getBytes(StandardCharsets.UTF_16BE) : ascii(directory ? id : id + ";1");
        }

        int placeTables(int next) {
            int sectors = sectors(tableSize);
            lTable = next;
            mTable = next + sectors;
            return mTable + sectors;
        }

        /** Gives each directory its extent; its size is its records packed into sectors. */
        int placeDirectories(int next) {
            for (Directory directory : directories) {
                directory.extent = next;
                directory.size = pack(records(directory), null);
                next += directory.size / SECTOR;
            }
            return next;
        }

        /** The L (little-endian) and M (big-endian) path tables: one record per directory, ECMA-119 9.4. */
        void writeTables(ByteBuffer image) {
            int l = lTable * SECTOR;
            int m = mTable * SECTOR;
            for (Directory directory : directories) {
                byte[] id = directory.id;
                int parent = directory.parent == null ? 1 : directory.parent.number;
                image.put(l, (byte) id.length).put(m, (byte) id.length);
                image.putInt(l + 2, Integer.reverseBytes(directory.extent)).putInt(m + 2, directory.extent);
                image.putShort(l + 6, Short.reverseBytes((short) parent)).putShort(m + 6, (short) parent);
                image.put(l + 8, id).put(m + 8, id);
                int length = 8 + id.length + id.length % 2;
                l += length;
                m += length;
            }
        }

        void writeDirectories(ByteBuffer image) {
            for (Directory directory : directories) {
                pack(records(directory), image.slice(directory.extent * SECTOR, directory.size));
            }
        }

        /** ".", "..", then the entries; with Rock Ridge entries in the primary hierarchy. */
        private List<byte[]> records(Directory directory) {
            Directory parent = directory.parent == null ? directory : directory.parent;
            List<byte[]> records = new ArrayList<>();
            byte[] self = joliet ? new byte[0] : directory.parent != null ? rockRidge(directory.node, null)
                    : concat(RockRidge.sp(), rockRidge(directory.node, null), continuation);
            records.add(record(directory.extent, directory.size, true, SELF, self));
            records.add(record(parent.extent, parent.size, true, PARENT,
                    joliet ? new byte[0] : rockRidge(parent.node, null)));
            for (Entry entry : directory.entries) {
                byte[] systemUse = joliet ? new byte[0] : rockRidge(entry.node, entry.node.name);
                if (entry.node.isDirectory()) {
                    Directory child = byNode.get(entry.node);
                    records.add(record(child.extent, child.size, true, entry.id, systemUse));
                } else {
                    records.add(record(entry.node.extent, entry.node.data.length, false, entry.id, systemUse));
                }
            }
            return records;
        }
    }

    /** RR, PX and (for a named entry, not "." or "..") NM. */
    private static byte[] rockRidge(Node node, String name) {
        byte[] px = node.isDirectory() ? RockRidge.px(RockRidge.DIRECTORY_MODE, 2 + node.subdirectories())
                : RockRidge.px(RockRidge.FILE_MODE, 1);
        return name == null ? concat(RockRidge.rr(false), px)
                : concat(RockRidge.rr(true), px, RockRidge.nm(name.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Lays records into sectors, none across a sector's end (ECMA-119 6.8.1.1; the rest of a sector stays zero),
     * into {@code target} when given.
     *
     * @return the directory's size, whole sectors
     */
    private static int pack(List<byte[]> records, ByteBuffer target) {
        int at = 0;
        for (byte[] record : records) {
            if (at % SECTOR + record.length > SECTOR) {
                at = sectors(at) * SECTOR;
            }
            if (target != null) {
                target.put(at, record);
            }
            at += record.length;
        }
        return sectors(at) * SECTOR;
    }

    private static List<Node> files(Node directory, List<Node> files) {
        for (Node child : directory.children.values()) {
            if (child.isDirectory()) {
                files(child, files);
            } else {
                files.add(child);
            }
        }
        return files;
    }

    /** A d- or a-character field, padded with spaces; for Joliet in UCS-2 (an odd length's last byte stays 0). */
    private static void text(ByteBuffer image, int at, int length, String value, boolean joliet) {
        if (joliet) {
            for (int i = 0; i + 1 < length; i += 2) {
                image.putChar(at + i, i / 2 < value.length() ? value.charAt(i / 2) : ' ');
            }
        } else {
            for (int i = 0; i < length; i++) {
                image.put(at + i, (byte) (i < value.length() ? value.charAt(i) : ' '));
            }
        }
    }

    /** Both-endian 32-bit number (ECMA-119 7.3.3): little-endian, then big-endian. */
    static void both32(ByteBuffer buffer, int at, int value) {
        buffer.putInt(at, Integer.reverseBytes(value)).putInt(at + 4, value);
    }

    /** Both-endian 16-bit number (ECMA-119 7.2.3). */
    static void both16(ByteBuffer buffer, int at, int value) {
        buffer.putShort(at, Short.reverseBytes((short) value)).putShort(at + 2, (short) value);
    }

    private static int sectors(long bytes) {
        return (int) ((bytes + SECTOR - 1) / SECTOR);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part == null ? 0 : part.length;
        }
        ByteBuffer result = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            if (part != null) {
                result.put(part);
            }
        }
        return result.array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(String value, int max, String what) {
        requireNonNull(value, what + " is null");
        if (value.length() > max || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(what + " must be up to " + max + " printable ASCII characters: '"
                    + value + "'");
        }
        return value;
    }

    /** A file (with data) or a directory of the tree; children by real name. */
    private static final class Node {

        final String name;
        final byte[] data;
        final Map<String, Node> children = new TreeMap<>();
        int extent;

        Node(String name, byte[] data) {
            this.name = name;
            this.data = data;
        }

        boolean isDirectory() {
            return data == null;
        }

        Node add(Node child) {
            children.put(child.name, child);
            return child;
        }

        int subdirectories() {
            return (int) children.values().stream().filter(Node::isDirectory).count();
        }
    }

    /** A directory as one hierarchy records it. */
    private static final class Directory {

        final Node node;
        final Directory parent;
        final byte[] id;
        final int number;
        final List<Entry> entries;
        int extent;
        int size;

        Directory(Node node, Directory parent, byte[] id, int number, List<Entry> entries) {
            this.node = node;
            this.parent = parent;
            this.id = id;
            this.number = number;
            this.entries = entries;
        }
    }

    private record Entry(Node node, byte[] id) {
    }
}
