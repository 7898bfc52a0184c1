package io.gpucloud.objectstorage.s3.auth;

import static java.util.Objects.requireNonNull;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Passes a body through while computing a checksum of it, and throws at the end of the stream
 * when the checksum is not the one the client declared: the SHA-256 of x-amz-content-sha256, or an
 * {@code x-amz-checksum-*} header.
 *
 * <p>The check happens when the wrapped stream reports its end, so the consumer must read to -1
 * (as {@code transferTo} does). {@code skip} reads what it skips, so skipped bytes are still
 * counted.
 */
final class DigestCheckingInputStream extends FilterInputStream {
    private final ChecksumAlgorithm.RunningChecksum checksum;
    private final byte[] expected;
    private final Supplier<S3AuthException> mismatch;
    private boolean checked;

    DigestCheckingInputStream(InputStream in, ChecksumAlgorithm algorithm, byte[] expected, Supplier<S3AuthException> mismatch) {
        super(requireNonNull(in, "in is null"));
        this.checksum = algorithm.start();
        this.expected = expected.clone();
        this.mismatch = requireNonNull(mismatch, "mismatch is null");
    }

    /**
     * Checks a base64 checksum sent by the client (header or trailer) against {@code computed}.
     *
     * @throws S3AuthException {@code InvalidDigest} when the value is not base64 of the right
     *     length, {@code BadDigest} when it differs
     */
    static void verify(ChecksumAlgorithm algorithm, byte[] computed, String declaredBase64) {
        if (!MessageDigest.isEqual(computed, decodeDeclared(algorithm, declaredBase64, computed.length))) {
            throw badDigest(algorithm);
        }
    }

    /** Decodes a declared base64 checksum of an algorithm whose checksums are {@code width} bytes. */
    static byte[] decodeDeclared(ChecksumAlgorithm algorithm, String declaredBase64, int width) {
        byte[] declared;
        try {
            declared = Base64.getDecoder().decode(declaredBase64.strip());
        }
        catch (IllegalArgumentException e) {
            declared = new byte[0];
        }
        if (declared.length != width) {
            throw new S3AuthException(S3AuthErrorCode.INVALID_DIGEST, "Value for " + algorithm.headerName()
                    + " header is invalid.");
        }
        return declared;
    }

    static S3AuthException badDigest(ChecksumAlgorithm algorithm) {
        return new S3AuthException(S3AuthErrorCode.BAD_DIGEST, "The " + algorithm.name().toUpperCase(Locale.ROOT)
                + " you specified did not match the calculated checksum.");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        int count = in.read(buffer, offset, length);
        if (count > 0) {
            checksum.update(buffer, offset, count);
        }
        else if (count < 0 && !checked) {
            checked = true;
            if (!MessageDigest.isEqual(checksum.finish(), expected)) {
                throw mismatch.get();
            }
        }
        return count;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] discard = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int count = read(discard, 0, (int) Math.min(discard.length, n - skipped));
            if (count < 0) {
                break;
            }
            skipped += count;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readLimit) {
        // Not supported: re-reading would feed the same bytes to the checksum twice.
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
