package io.gpucloud.objectstorage.s3;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte range of a {@code Range: bytes=…} header (or {@code x-amz-copy-source-range}), resolved
 * against the object's size: {@code first-last}, {@code first-} or the suffix {@code -n}. As in S3, a header
 * that is not a single byte range is ignored (the whole object is sent) and a range that starts beyond the
 * end is InvalidRange (416).
 */
record ByteRangeRequest(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");

    long length() {
        return last - first + 1;
    }

    static Optional<ByteRangeRequest> parse(String header, long size) {
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
                    throw unsatisfiable();
                }
                return Optional.of(new ByteRangeRequest(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(m.group(1));
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
                return Optional.empty();
            }
            if (first >= size) {
                throw unsatisfiable();
            }
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            return Optional.of(new ByteRangeRequest(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static S3Exception unsatisfiable() {
        return new S3Exception(S3Error.INVALID_RANGE, "The requested range is not satisfiable");
    }
}
