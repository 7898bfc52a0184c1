package io.gpucloud.agent.instance;

import static io.gpucloud.agent.instance.Iso9660Image.both32;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The System Use entries of the primary hierarchy's directory records: SUSP (IEEE P1281) SP, CE, ER and Rock Ridge
 * (RRIP 1.09, IEEE P1282) RR, PX, NM, which give Linux the real names and POSIX modes. Each entry starts with a
 * two-letter signature, its length and version 1.
 */
final class RockRidge {

    /** Read-only for everyone, owned by root: what genisoimage -r records, whoever wrote the files. */
    static final int DIRECTORY_MODE = 0040555;
    static final int FILE_MODE = 0100444;

    // RRIP 1.09 prescribes identifier and texts of its ER entry.
    private static final String ER_ID = "RRIP_1991A";
    private static final String ER_DESCRIPTOR =
            "THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS";
    private static final String ER_SOURCE = "PLEASE CONTACT DISC PUBLISHER FOR SPECIFICATION SOURCE.  SEE PUBLISHER"
            + " IDENTIFIER IN PRIMARY VOLUME DESCRIPTOR FOR CONTACT INFORMATION.";
    /** RR's flags: which Rock Ridge entries a record carries. */
    private static final int RR_PX = 0x01;
    private static final int RR_NM = 0x08;

    private RockRidge() {
    }

    /** SP, first in the root's "." record: says SUSP is in use (check bytes BE EF), no bytes to skip. */
    static byte[] sp() {
        return entry("SP", 3).put((byte) 0xBE).put((byte) 0xEF).put((byte) 0).array();
    }

    /** CE: the record's entries continue at {@code length} bytes from {@code offset} in sector {@code extent}. */
    static byte[] ce(int extent, int offset, int length) {
        ByteBuffer entry = entry("CE", 24);
        both32(entry, 4, extent);
        both32(entry, 12, offset);
        both32(entry, 20, length);
        return entry.array();
    }

    /** ER: the extension in use, Rock Ridge; too long for the root's record, so it goes to a continuation area. */
    static byte[] er() {
        byte[] id = ER_ID.getBytes(StandardCharsets.US_ASCII);
        byte[] descriptor = ER_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);
        byte[] source = ER_SOURCE.getBytes(StandardCharsets.US_ASCII);
        return entry("ER", 4 + id.length + descriptor.length + source.length)
                .put((byte) id.length).put((byte) descriptor.length).put((byte) source.length).put((byte) 1)
                .put(id).put(descriptor).put(source).array();
    }

    /** RR (RRIP 1.09 only): which Rock Ridge entries follow; Linux stops reading the record at a wrong one. */
    static byte[] rr(boolean named) {
        return entry("RR", 1).put((byte) (RR_PX | (named ? RR_NM : 0))).array();
    }

    /** PX of RRIP 1.09 (no serial number): mode, links, uid 0, gid 0. */
    static byte[] px(int mode, int links) {
        ByteBuffer entry = entry("PX", 32);
        both32(entry, 4, mode);
        both32(entry, 12, links);
        return entry.array(); // uid and gid stay 0
    }

    /** NM: the file's real name, in one entry (names are short enough for one record). */
    static byte[] nm(byte[] name) {
        return entry("NM", 1 + name.length).put((byte) 0).put(name).array();
    }

    private static ByteBuffer entry(String signature, int dataLength) {
        int length = 4 + dataLength;
        ByteBuffer entry = ByteBuffer.allocate(length);
        entry.put(signature.getBytes(StandardCharsets.US_ASCII)).put((byte) length).put((byte) 1);
        return entry;
    }
}
