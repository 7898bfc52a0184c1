package io.gpucloud.objectstorage.s3.auth;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The S3 additional checksums a client can send with a body, as an {@code x-amz-checksum-*}
 * header or trailer. The value on the wire is the base64 of the big-endian checksum bytes.
 *
 * <p>botocore sends CRC32 by default; CRC64NVME is the default of newer SDKs and awscli v2.
 */
public enum ChecksumAlgorithm {
    CRC32(4, () -> new ZipChecksum(new CRC32(), 4)),
    CRC32C(4, () -> new ZipChecksum(new CRC32C(), 4)),
    CRC64NVME(8, () -> new ZipChecksum(new Crc64Nvme(), 8)),
    SHA1(20, () -> new DigestChecksum("SHA-1")),
    SHA256(32, () -> new DigestChecksum("SHA-256"));

    private final int width;
    private final Supplier<RunningChecksum> factory;

    ChecksumAlgorithm(int width, Supplier<RunningChecksum> factory) {
        this.width = width;
        this.factory = factory;
    }

    /** The length of the checksum in bytes. */
    public int width() {
        return width;
    }

    /** The header (or trailer) name that carries this checksum, e.g. {@code x-amz-checksum-crc32}. */
    public String headerName() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    /** The algorithm whose header is {@code headerName} (any case); empty for other headers. */
    public static Optional<ChecksumAlgorithm> fromHeaderName(String headerName) {
        String lower = headerName.strip().toLowerCase(Locale.ROOT);
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.headerName().equals(lower)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    RunningChecksum start() {
        return factory.get();
    }

    /** A checksum being computed over a stream. */
    interface RunningChecksum {
        void update(byte[] data, int offset, int length);

        /** The checksum bytes, big-endian, as S3 base64-encodes them. */
        byte[] finish();
    }

    private record ZipChecksum(Checksum checksum, int width) implements RunningChecksum {
        @Override
        public void update(byte[] data, int offset, int length) {
            checksum.update(data, offset, length);
        }

        @Override
        public byte[] finish() {
            byte[] all = ByteBuffer.allocate(Long.BYTES).putLong(checksum.getValue()).array();
            byte[] bytes = new byte[width];
            System.arraycopy(all, Long.BYTES - width, bytes, 0, width);
            return bytes;
        }
    }

    private static final class DigestChecksum implements RunningChecksum {
        private final MessageDigest digest;

        DigestChecksum(String algorithm) {
            try {
                digest = MessageDigest.getInstance(algorithm);
            }
            catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is required of every JDK", e);
            }
        }

        @Override
        public void update(byte[] data, int offset, int length) {
            digest.update(data, offset, length);
        }

        @Override
        public byte[] finish() {
            return digest.digest();
        }
    }
}
