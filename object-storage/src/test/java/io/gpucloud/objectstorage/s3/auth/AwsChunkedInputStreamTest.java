package io.gpucloud.objectstorage.s3.auth;

import static io.gpucloud.objectstorage.s3.auth.TestRequests.EXAMPLE_AMZ_DATE;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.EXAMPLE_SCOPE;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.EXAMPLE_SECRET;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.assertS3Error;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.bytes;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Decoding aws-chunked bodies: the chain, the framing, the declared length and the trailer. */
class AwsChunkedInputStreamTest {
    private static final SigningContext SIGNING = new SigningContext(
            SigV4Crypto.deriveSigningKey(EXAMPLE_SECRET, EXAMPLE_SCOPE), EXAMPLE_AMZ_DATE, EXAMPLE_SCOPE,
            "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9");
    private static final byte[] DATA = randomBytes(20_000);

    private static byte[] randomBytes(int length) {
        byte[] data = new byte[length];
        new Random(42).nextBytes(data);
        return data;
    }

    private static AwsChunkedInputStream signedStream(byte[] body, long declaredLength) {
        return new AwsChunkedInputStream(bytes(body), PayloadMode.STREAMING_SIGNED, SIGNING, declaredLength, null, 16 * 1024);
    }

    private static AwsChunkedInputStream trailerStream(byte[] body, PayloadMode mode, ChecksumAlgorithm checksum) {
        return new AwsChunkedInputStream(bytes(body), mode, SIGNING, DATA.length, checksum, 16 * 1024);
    }

    private static byte[] signedBody() {
        return new ChunkedBodyBuilder(SIGNING).chunks(DATA, 8192).end().bytes();
    }

    @Test
    void aSignedBodyDecodesToItsDataWhateverTheReadSize() throws IOException {
        assertThat(readAll(signedStream(signedBody(), DATA.length))).isEqualTo(DATA);

        ByteArrayOutputStream byByte = new ByteArrayOutputStream();
        try (InputStream stream = signedStream(signedBody(), DATA.length)) {
            for (int b = stream.read(); b >= 0; b = stream.read()) {
                byByte.write(b);
            }
        }
        assertThat(byByte.toByteArray()).isEqualTo(DATA);
    }

    @Test
    void anEmptyObjectIsOnlyTheFinalChunk() {
        byte[] body = new ChunkedBodyBuilder(SIGNING).chunk(new byte[0]).end().bytes();

        assertThat(readAll(signedStream(body, 0))).isEmpty();
    }

    @Test
    void aTamperedChunkFailsAndNoneOfItsBytesAreHandedOut() throws IOException {
        byte[] body = signedBody();
        int secondChunkData = indexOf(body, "\r\n2000;".getBytes(StandardCharsets.US_ASCII)) + 2;
        secondChunkData = indexOf(body, secondChunkData, "\r\n".getBytes(StandardCharsets.US_ASCII)) + 2;
        body[secondChunkData + 100] ^= 1;
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        InputStream stream = signedStream(body, DATA.length);
        byte[] buffer = new byte[1000];

        S3AuthException error = assertS3Error(() -> {
            for (int count = stream.read(buffer); count >= 0; count = stream.read(buffer)) {
                delivered.write(buffer, 0, count);
            }
        }, S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH);

        assertThat(delivered.toByteArray()).isEqualTo(Arrays.copyOf(DATA, 8192));
        assertThat(error.stringToSign()).hasValueSatisfying(text -> assertThat(text).startsWith("AWS4-HMAC-SHA256-PAYLOAD\n"));
    }

    @Test
    void chunksSwappedOrDroppedBreakTheChain() {
        byte[] first = Arrays.copyOfRange(DATA, 0, 8192);
        byte[] second = Arrays.copyOfRange(DATA, 8192, 16384);
        String firstChunk = new String(new ChunkedBodyBuilder(SIGNING).chunk(first).bytes(), StandardCharsets.ISO_8859_1);
        String bothChunks = new String(new ChunkedBodyBuilder(SIGNING).chunk(first).chunk(second).bytes(), StandardCharsets.ISO_8859_1);
        String secondChunk = bothChunks.substring(firstChunk.length());
        byte[] dropped = secondChunk.getBytes(StandardCharsets.ISO_8859_1);
        byte[] swapped = (secondChunk + firstChunk).getBytes(StandardCharsets.ISO_8859_1);

        assertS3Error(() -> readAll(signedStream(dropped, 8192)), S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH);
        assertS3Error(() -> readAll(signedStream(swapped, 16384)), S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void aBodySignedFromAnotherSeedFailsAtTheFirstChunk() {
        SigningContext otherSeed = new SigningContext(SIGNING.signingKey(), EXAMPLE_AMZ_DATE, EXAMPLE_SCOPE, "0".repeat(64));
        byte[] body = new ChunkedBodyBuilder(otherSeed).chunks(DATA, 8192).end().bytes();

        assertS3Error(() -> readAll(signedStream(body, DATA.length)), S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void aSignedChunkWithoutASignatureIsRefused() {
        byte[] body = new ChunkedBodyBuilder(null).chunks(DATA, 8192).end().bytes();

        assertS3Error(() -> readAll(signedStream(body, DATA.length)), S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void aBodyCutShortIsIncompleteBody() {
        byte[] body = signedBody();

        for (int cut : new int[] {0, 10, 100, 8192, body.length / 2, body.length - 90}) {
            byte[] truncated = Arrays.copyOf(body, cut);
            assertS3Error(() -> readAll(signedStream(truncated, DATA.length)), S3AuthErrorCode.INCOMPLETE_BODY);
        }
    }

    @Test
    void aChunkLargerThanTheLimitIsRefusedBeforeItsDataIsRead() {
        byte[] header = ("4001;chunk-signature=" + "0".repeat(64) + "\r\n").getBytes(StandardCharsets.US_ASCII);

        S3AuthException error = assertS3Error(() -> readAll(signedStream(header, 1 << 20)), S3AuthErrorCode.INVALID_CHUNK_SIZE_ERROR);

        assertThat(error.getMessage()).contains("16385").contains("16384");
    }

    @Test
    void anUnreadableChunkSizeIsInvalidChunkSizeError() {
        for (String size : new String[] {"", "zz", "-1", "1ffffffff", "١٠"}) {
            byte[] body = (size + ";chunk-signature=" + "0".repeat(64) + "\r\n").getBytes(StandardCharsets.UTF_8);
            assertS3Error(() -> readAll(signedStream(body, 10)), S3AuthErrorCode.INVALID_CHUNK_SIZE_ERROR);
        }
    }

    @Test
    void chunkDataLongerThanItsSizeIsInvalidChunkSizeError() {
        byte[] body = new ChunkedBodyBuilder(null).ascii("3\r\nabcd\r\n0\r\n\r\n").bytes();
        InputStream stream = new AwsChunkedInputStream(bytes(body), PayloadMode.STREAMING_UNSIGNED_TRAILER, SIGNING, 3,
                ChecksumAlgorithm.CRC32, 1024);

        assertS3Error(() -> readAll(stream), S3AuthErrorCode.INVALID_CHUNK_SIZE_ERROR);
    }

    @Test
    void fewerBytesThanDeclaredIsIncompleteBodyAndMoreIsRefusedBeforeDelivery() {
        assertS3Error(() -> readAll(signedStream(signedBody(), DATA.length + 1)), S3AuthErrorCode.INCOMPLETE_BODY);
        assertS3Error(() -> readAll(signedStream(signedBody(), DATA.length - 1)), S3AuthErrorCode.INVALID_REQUEST);
    }

    @Test
    void trailingDataAfterABodyWithoutTrailerIsRefused() {
        byte[] body = new ChunkedBodyBuilder(SIGNING).chunks(DATA, 8192).ascii("x-amz-checksum-crc32:AAAAAA==\r\n\r\n").bytes();

        assertS3Error(() -> readAll(signedStream(body, DATA.length)), S3AuthErrorCode.MALFORMED_TRAILER_ERROR);
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void everyChecksumAlgorithmIsVerifiedInAnUnsignedTrailer(ChecksumAlgorithm algorithm) {
        byte[] good = new ChunkedBodyBuilder(null).chunks(DATA, 8192).checksumTrailer(algorithm, DATA).bytes();
        byte[] wrong = new ChunkedBodyBuilder(null).chunks(DATA, 8192).checksumTrailer(algorithm, "other".getBytes()).bytes();

        assertThat(readAll(trailerStream(good, PayloadMode.STREAMING_UNSIGNED_TRAILER, algorithm))).isEqualTo(DATA);
        S3AuthException error = assertS3Error(() -> readAll(trailerStream(wrong, PayloadMode.STREAMING_UNSIGNED_TRAILER, algorithm)),
                S3AuthErrorCode.BAD_DIGEST);
        assertThat(error.getMessage()).contains(algorithm.name());
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void everyChecksumAlgorithmIsVerifiedInASignedTrailer(ChecksumAlgorithm algorithm) {
        byte[] good = new ChunkedBodyBuilder(SIGNING).chunks(DATA, 8192).checksumTrailer(algorithm, DATA).bytes();
        byte[] wrong = new ChunkedBodyBuilder(SIGNING).chunks(DATA, 8192).checksumTrailer(algorithm, "other".getBytes()).bytes();

        assertThat(readAll(trailerStream(good, PayloadMode.STREAMING_SIGNED_TRAILER, algorithm))).isEqualTo(DATA);
        assertS3Error(() -> readAll(trailerStream(wrong, PayloadMode.STREAMING_SIGNED_TRAILER, algorithm)), S3AuthErrorCode.BAD_DIGEST);
    }

    @Test
    void aTrailerValueChangedAfterSigningFailsTheTrailerSignature() {
        String body = new String(new ChunkedBodyBuilder(SIGNING).chunks(DATA, 8192).checksumTrailer(ChecksumAlgorithm.CRC32C, DATA)
                .bytes(), StandardCharsets.ISO_8859_1);
        String other = new String(new ChunkedBodyBuilder(null).checksumTrailer(ChecksumAlgorithm.CRC32C, "x".getBytes()).bytes(),
                StandardCharsets.ISO_8859_1).split("\r\n")[0];
        byte[] tampered = body.replaceFirst("x-amz-checksum-crc32c:[^\r]*", other).getBytes(StandardCharsets.ISO_8859_1);

        assertS3Error(() -> readAll(trailerStream(tampered, PayloadMode.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.CRC32C)),
                S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void aSignedTrailerWithoutItsSignatureIsMalformed() {
        byte[] body = new ChunkedBodyBuilder(SIGNING).chunks(DATA, 8192).ascii("x-amz-checksum-crc32:AAAAAA==\r\n\r\n").bytes();

        assertS3Error(() -> readAll(trailerStream(body, PayloadMode.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.CRC32)),
                S3AuthErrorCode.MALFORMED_TRAILER_ERROR);
    }

    @Test
    void aMissingUndeclaredOrRepeatedTrailerIsMalformed() {
        byte[] missing = new ChunkedBodyBuilder(null).chunks(DATA, 8192).end().bytes();
        byte[] otherAlgorithm = new ChunkedBodyBuilder(null).chunks(DATA, 8192).checksumTrailer(ChecksumAlgorithm.CRC32C, DATA).bytes();
        String crc = new String(new ChunkedBodyBuilder(null).checksumTrailer(ChecksumAlgorithm.CRC32, DATA).bytes(),
                StandardCharsets.US_ASCII).split("\r\n")[0];
        byte[] repeated = new ChunkedBodyBuilder(null).chunks(DATA, 8192).ascii(crc + "\r\n" + crc + "\r\n\r\n").bytes();
        byte[] extra = new ChunkedBodyBuilder(null).chunks(DATA, 8192).ascii(crc + "\r\nx-amz-meta-a:b\r\n\r\n").bytes();
        byte[] notALine = new ChunkedBodyBuilder(null).chunks(DATA, 8192).ascii("no colon here\r\n\r\n").bytes();

        for (byte[] body : new byte[][] {missing, otherAlgorithm, repeated, extra, notALine}) {
            assertS3Error(() -> readAll(trailerStream(body, PayloadMode.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32)),
                    S3AuthErrorCode.MALFORMED_TRAILER_ERROR);
        }
    }

    @Test
    void aChecksumThatIsNotBase64OfTheRightLengthIsInvalidDigest() {
        for (String value : new String[] {"not base64!", "AAAA", "AAAAAAAAAAA="}) {
            byte[] body = new ChunkedBodyBuilder(null).chunks(DATA, 8192).trailer("x-amz-checksum-crc32", value).bytes();
            assertS3Error(() -> readAll(trailerStream(body, PayloadMode.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32)),
                    S3AuthErrorCode.INVALID_DIGEST);
        }
    }

    @Test
    void anEmptyLineBeforeTheTrailerAndAMissingClosingLineAreTolerated() {
        String crc = new String(new ChunkedBodyBuilder(null).checksumTrailer(ChecksumAlgorithm.CRC32, DATA).bytes(),
                StandardCharsets.US_ASCII).split("\r\n")[0];
        byte[] body = new ChunkedBodyBuilder(null).chunks(DATA, 8192).ascii("\r\n" + crc + "\r\n").bytes();

        assertThat(readAll(trailerStream(body, PayloadMode.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32))).isEqualTo(DATA);
    }

    @Test
    void anOverlongHeaderLineIsRefusedWithoutReadingItAll() {
        byte[] body = ("1;" + "x".repeat(10_000) + "\r\n").getBytes(StandardCharsets.US_ASCII);

        assertS3Error(() -> readAll(signedStream(body, 1)), S3AuthErrorCode.INVALID_CHUNK_SIZE_ERROR);
    }

    @Test
    void theConstructorRejectsModesThatAreNotAwsChunked() {
        assertThatThrownBy(() -> new AwsChunkedInputStream(bytes(new byte[0]), PayloadMode.SIGNED, SIGNING, 0, null, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AwsChunkedInputStream(bytes(new byte[0]), PayloadMode.STREAMING_UNSIGNED_TRAILER, SIGNING, 0, null, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, 0, needle);
    }

    private static int indexOf(byte[] haystack, int from, byte[] needle) {
        for (int i = from; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
