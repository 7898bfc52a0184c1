package io.gpucloud.objectstorage.s3.auth;

import static io.gpucloud.objectstorage.s3.auth.TestRequests.assertS3Error;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.bytes;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.clockAt;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.readAll;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.request;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.secrets;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.signHeader;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Which checks the body gets for each payload mode, and the headers each mode requires. */
class PayloadDecoderTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String KEY = "EC2KEY0003";
    private static final String SECRET = "decoder-secret";
    private static final CredentialScope SCOPE = new CredentialScope("20261123", "gpu-east-1", "s3", "aws4_request");
    private static final S3AuthSettings SETTINGS = S3AuthSettings.forRegion("gpu-east-1");
    private static final byte[] BODY = "a small object body".getBytes(StandardCharsets.UTF_8);

    private final SigV4Verifier verifier = new SigV4Verifier(secrets(Map.of(KEY, SECRET)), SETTINGS, clockAt(NOW));
    private final PayloadDecoder decoder = new PayloadDecoder(SETTINGS);

    private static SignedRequest put(String contentSha256, String... extraHeaders) {
        SignedRequest request = request("PUT", "/bucket/object", "Host: s3.gpucloud.test", "x-amz-date: 20261123T100000Z",
                "x-amz-content-sha256: " + contentSha256);
        for (String line : extraHeaders) {
            int colon = line.indexOf(':');
            request = withHeader(request, line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return signHeader(request, KEY, SECRET, SCOPE);
    }

    private InputStream open(SignedRequest request, byte[] body) {
        return decoder.open(verifier.verify(request), request, bytes(body));
    }

    private static String crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return Base64.getEncoder().encodeToString(new byte[] {
            (byte) (crc.getValue() >>> 24), (byte) (crc.getValue() >>> 16), (byte) (crc.getValue() >>> 8), (byte) crc.getValue()});
    }

    @Test
    void aSignedPayloadMustHashToXAmzContentSha256AndIsCheckedAtTheEnd() throws IOException {
        SignedRequest request = put(SigV4Crypto.sha256Hex(new String(BODY, StandardCharsets.UTF_8)));
        assertThat(readAll(open(request, BODY))).isEqualTo(BODY);

        InputStream other = open(request, "another body, same length".getBytes(StandardCharsets.UTF_8));
        assertThat(other.read(new byte[5])).isEqualTo(5);
        S3AuthException error = assertS3Error(other::readAllBytes, S3AuthErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH);
        assertThat(error.details()).containsKey("ClientComputedContentSHA256");
    }

    @Test
    void skippedBytesStillCountTowardsTheHash() {
        SignedRequest request = put(SigV4Crypto.sha256Hex(new String(BODY, StandardCharsets.UTF_8)));

        assertS3Error(() -> {
            try (InputStream stream = open(request, "xxxxx small object body".getBytes(StandardCharsets.UTF_8))) {
                stream.skip(5);
                stream.readAllBytes();
            }
        }, S3AuthErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH);
    }

    @Test
    void anUnsignedPayloadPassesThroughUnlessItCarriesAChecksumHeader() {
        assertThat(readAll(open(put("UNSIGNED-PAYLOAD"), BODY))).isEqualTo(BODY);
        assertThat(readAll(open(put("UNSIGNED-PAYLOAD", "x-amz-checksum-crc32: " + crc32(BODY)), BODY))).isEqualTo(BODY);

        SignedRequest wrongCrc = put("UNSIGNED-PAYLOAD", "x-amz-checksum-crc32: " + crc32("other".getBytes()));
        assertS3Error(() -> readAll(open(wrongCrc, BODY)), S3AuthErrorCode.BAD_DIGEST);
    }

    @Test
    void twoChecksumHeadersAreRefusedBeforeTheBodyIsRead() {
        SignedRequest two = put("UNSIGNED-PAYLOAD", "x-amz-checksum-crc32: " + crc32(BODY), "x-amz-checksum-sha1: AAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        assertS3Error(() -> open(two, BODY), S3AuthErrorCode.INVALID_REQUEST);
    }

    @Test
    void checksumAlgorithmAndTypeHeadersAreNotChecksums() {
        SignedRequest request = put("UNSIGNED-PAYLOAD", "x-amz-checksum-algorithm: CRC32", "x-amz-checksum-type: FULL_OBJECT");

        assertThat(readAll(open(request, BODY))).isEqualTo(BODY);
    }

    @Test
    void anAwsChunkedBodyNeedsItsDecodedLength() {
        SignedRequest noLength = put("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        SignedRequest badLength = put("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "x-amz-decoded-content-length: -3");

        S3AuthException missing = assertS3Error(() -> open(noLength, BODY), S3AuthErrorCode.MISSING_CONTENT_LENGTH);
        assertS3Error(() -> open(badLength, BODY), S3AuthErrorCode.INVALID_ARGUMENT);
        assertThat(missing.httpStatus()).isEqualTo(411);
    }

    @Test
    void aSignedChunkedBodyDecodesThroughTheChainSeededByTheRequestSignature() {
        SignedRequest request = put("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "x-amz-decoded-content-length: " + BODY.length,
                "Content-Encoding: aws-chunked");
        VerifiedRequest verified = verifier.verify(request);
        byte[] body = new ChunkedBodyBuilder(verified.signing()).chunks(BODY, 7).end().bytes();

        assertThat(readAll(decoder.open(verified, request, bytes(body)))).isEqualTo(BODY);
    }

    @Test
    void theTrailerModesNeedASupportedChecksumInXAmzTrailer() {
        SignedRequest none = put("STREAMING-UNSIGNED-PAYLOAD-TRAILER", "x-amz-decoded-content-length: 19");
        SignedRequest unsupported = put("STREAMING-UNSIGNED-PAYLOAD-TRAILER", "x-amz-decoded-content-length: 19",
                "x-amz-trailer: x-amz-checksum-md5");
        SignedRequest trailerWithoutTrailerMode = put("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "x-amz-decoded-content-length: 19",
                "x-amz-trailer: x-amz-checksum-crc32");

        assertS3Error(() -> open(none, BODY), S3AuthErrorCode.MISSING_SECURITY_HEADER);
        assertS3Error(() -> open(unsupported, BODY), S3AuthErrorCode.INVALID_REQUEST);
        assertS3Error(() -> open(trailerWithoutTrailerMode, BODY), S3AuthErrorCode.INVALID_REQUEST);
    }

    @Test
    void anUnsignedTrailerBodyDecodesAndChecksItsChecksum() {
        SignedRequest request = put("STREAMING-UNSIGNED-PAYLOAD-TRAILER", "x-amz-decoded-content-length: " + BODY.length,
                "x-amz-trailer: x-amz-checksum-sha256");
        byte[] body = new ChunkedBodyBuilder(null).chunks(BODY, 8).checksumTrailer(ChecksumAlgorithm.SHA256, BODY).bytes();

        assertThat(readAll(open(request, body))).isEqualTo(BODY);
    }
}
