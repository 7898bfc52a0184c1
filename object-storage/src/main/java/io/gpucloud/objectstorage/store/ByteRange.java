package io.gpucloud.objectstorage.store;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a {@code Range: bytes=…} header (or S3's {@code x-amz-copy-source-range}), resolved against the
 * object's size: {@code first-last}, {@code first-} or the suffix {@code -n}. A header with several ranges, or one
 * that is not a byte range, is ignored (the whole object is sent), which RFC 9110 and S3 allow. Shared by the Swift
 * and S3 dialects, which answer {@link Unsatisfiable} each in their own fault format.
 */
public record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");

    /** Thrown when the range starts beyond the object (416). */
    public static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super("Requested Range Not Satisfiable", null, false, false);
        }
    }

    public long length() {
        return last - first + 1;
    }

    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
                return Optional.empty(); // syntactically invalid: ignored
            }
            if (first >= size) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty(); // more digits than a long holds
        }
    }
}
