package io.gpucloud.objectstorage.s3.auth;

import static io.gpucloud.objectstorage.s3.auth.TestRequests.assertS3Error;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.bytes;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.clockAt;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.readAll;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.request;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.secrets;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests captured byte for byte from real clients talking to a local socket (awscli 1.45.11 /
 * botocore 1.43.11, curl 7.88.1 as in Debian 12), with throwaway keys. They pin the formats the
 * documentation leaves open: botocore's STREAMING-UNSIGNED-PAYLOAD-TRAILER framing over TLS, its
 * path and query encoding, and what curl signs when it sends no x-amz-content-sha256.
 */
class CapturedClientRequestsTest {
    private static final SecretLookup SECRETS = secrets(Map.of(
            "AKIDAWSCLI", "awsclisecret/EXAMPLE",
            "AKIDCURL", "curlsecret"));
    private static final S3AuthSettings AWS_LIKE = S3AuthSettings.forRegion("us-east-1");
    private static final S3AuthSettings CURL_FRIENDLY = new S3AuthSettings(List.of("us-east-1"),
            S3AuthSettings.DEFAULT_MAX_CLOCK_SKEW, S3AuthSettings.DEFAULT_MAX_CHUNK_SIZE, MissingContentSha256Policy.ASSUME_EMPTY_PAYLOAD);

    /** A captured request: what the controller would see after the container's HTTP decoding. */
    private record Captured(SignedRequest request, byte[] body) {
        Instant sentAt() {
            return RequestTime.parseAmzDate(request.firstHeader("x-amz-date").orElseThrow()).orElseThrow().instant();
        }
    }

    private static VerifiedRequest verify(Captured captured, S3AuthSettings settings) {
        return new SigV4Verifier(SECRETS, settings, clockAt(captured.sentAt().plusSeconds(2))).verify(captured.request());
    }

    private static byte[] decode(Captured captured, VerifiedRequest verified) {
        return readAll(new PayloadDecoder(AWS_LIKE).open(verified, captured.request(), bytes(captured.body())));
    }

    @Test
    void awscliPutObjectOverTlsSendsAnUnsignedTrailerWithCrc32ThatDecodesAndVerifies() {
        Captured captured = load("awscli-put-object-https-trailer.http");

        VerifiedRequest verified = verify(captured, AWS_LIKE);
        byte[] object = decode(captured, verified);

        assertThat(captured.request().rawPath()).isEqualTo("/bucket/dir/obj%20name%2B1.txt");
        assertThat(captured.request().firstHeader("x-amz-trailer")).contains("x-amz-checksum-crc32");
        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.STREAMING_UNSIGNED_TRAILER);
        assertThat(object).hasSize(3000);
        assertThat(new String(captured.body(), StandardCharsets.US_ASCII))
                .startsWith("bb8\r\n")
                .endsWith("\r\n0\r\nx-amz-checksum-crc32:J3A87A==\r\n\r\n");
    }

    @Test
    void awscliTrailerWithAChangedChecksumOrByteIsBadDigest() {
        Captured captured = load("awscli-put-object-https-trailer.http");
        VerifiedRequest verified = verify(captured, AWS_LIKE);
        byte[] changedChecksum = new String(captured.body(), StandardCharsets.ISO_8859_1)
                .replace("J3A87A==", "K3A87A==").getBytes(StandardCharsets.ISO_8859_1);
        byte[] changedByte = captured.body().clone();
        changedByte[100] ^= 1;

        assertS3Error(() -> decode(new Captured(captured.request(), changedChecksum), verified), S3AuthErrorCode.BAD_DIGEST);
        assertS3Error(() -> decode(new Captured(captured.request(), changedByte), verified), S3AuthErrorCode.BAD_DIGEST);
    }

    @Test
    void awscliPutObjectOverPlainHttpSignsThePayloadAndSendsACrc32Header() {
        Captured captured = load("awscli-put-object-http.http");

        VerifiedRequest verified = verify(captured, AWS_LIKE);

        assertThat(captured.request().rawPath()).isEqualTo("/bucket/a%20b/c~d%2Ae.txt");
        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.SIGNED);
        assertThat(new String(decode(captured, verified), StandardCharsets.UTF_8)).isEqualTo("Hello, S3 over plain HTTP.\n");
        assertS3Error(() -> decode(new Captured(captured.request(), "Hello, S3 over plain HTTP!\n".getBytes(StandardCharsets.UTF_8)),
                verified), S3AuthErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH);
    }

    @Test
    void awscliListObjectsV2EncodesEveryReservedCharacterOfThePrefix() {
        Captured captured = load("awscli-list-objects-v2.http");

        assertThat(captured.request().rawQuery()).isEqualTo("list-type=2&max-keys=7&prefix=photos%2F2026%20%2F%C3%BC%26%3D&encoding-type=url");
        assertThat(verify(captured, AWS_LIKE).accessKeyId()).isEqualTo("AKIDAWSCLI");
    }

    @Test
    void awscliPresignedUrlWithSigV4Verifies() {
        SignedRequest url = request("GET", "/bucket/dir/my%20file%2Bx.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Credential=AKIDAWSCLI%2F20261123%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261123T192255Z"
                        + "&X-Amz-Expires=600&X-Amz-SignedHeaders=host"
                        + "&X-Amz-Signature=c1dad1783c2eb98fad4820af6ccf65a55d371698a23530f68d1dc2ecf3493785",
                "Host: 127.0.0.1:18946");
        Instant signedAt = Instant.parse("2026-11-23T19:22:55Z");

        assertThat(new SigV4Verifier(SECRETS, AWS_LIKE, clockAt(signedAt.plusSeconds(599))).verify(url).accessKeyId())
                .isEqualTo("AKIDAWSCLI");
        assertS3Error(() -> new SigV4Verifier(SECRETS, AWS_LIKE, clockAt(signedAt.plusSeconds(601))).verify(url),
                S3AuthErrorCode.ACCESS_DENIED);
    }

    @Test
    void awscliV1DefaultPresignIsSigV2AndRefusedAsUnsupported() {
        SignedRequest url = request("GET", "/bucket/dir/my%20file%2Bx.txt?AWSAccessKeyId=AKIDAWSCLI"
                + "&Signature=LbKB%2FsMw8QeNVkEIl5MwLSpABU8%3D&Expires=1795462369", "Host: 127.0.0.1:18946");

        assertThat(SigV4Verifier.isAnonymous(url)).isFalse();
        assertS3Error(() -> new SigV4Verifier(SECRETS, AWS_LIKE, clockAt(Instant.parse("2026-11-23T19:23:00Z"))).verify(url),
                S3AuthErrorCode.INVALID_REQUEST);
    }

    @Test
    void curlWithoutXAmzContentSha256IsRefusedByDefaultAsAwsRefusesIt() {
        assertS3Error(() -> verify(load("curl-7.88-get.http"), AWS_LIKE), S3AuthErrorCode.INVALID_REQUEST);
    }

    @Test
    void curlGetAndUploadVerifyUnderTheEmptyPayloadPolicyAndTheirBodiesAreUnsigned() {
        Captured get = load("curl-7.88-get.http");
        Captured upload = load("curl-7.88-put-upload.http");

        VerifiedRequest verifiedGet = verify(get, CURL_FRIENDLY);
        VerifiedRequest verifiedUpload = verify(upload, CURL_FRIENDLY);

        assertThat(verifiedGet.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(verifiedUpload.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(new String(decode(upload, verifiedUpload), StandardCharsets.UTF_8)).isEqualTo("hello upload");
    }

    @Test
    void curlDataUploadsSignTheBodyHashAndCannotBeVerifiedWithoutIt() {
        Captured data = load("curl-7.88-put-data.http");

        S3AuthException error = assertS3Error(() -> verify(data, CURL_FRIENDLY), S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH);

        assertThat(error.canonicalRequest()).hasValueSatisfying(text -> assertThat(text).endsWith("\n" + SigV4Crypto.EMPTY_SHA256));
    }

    @Test
    void aCapturedRequestReplayedAfterTheSkewIsRefused() {
        Captured captured = load("awscli-put-object-http.http");

        assertS3Error(() -> new SigV4Verifier(SECRETS, AWS_LIKE, clockAt(captured.sentAt().plus(Duration.ofMinutes(16))))
                .verify(captured.request()), S3AuthErrorCode.REQUEST_TIME_TOO_SKEWED);
    }

    /** Parses a captured HTTP/1.1 request and undoes HTTP chunked transfer coding, as the container would. */
    private static Captured load(String resource) {
        byte[] raw;
        try (InputStream in = CapturedClientRequestsTest.class.getResourceAsStream(resource)) {
            raw = in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        List<String> lines = new ArrayList<>(Arrays.asList(text.substring(0, headEnd).split("\r\n")));
        String[] requestLine = lines.remove(0).split(" ");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon), name -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
        String target = requestLine[1];
        int question = target.indexOf('?');
        SignedRequest request = new SignedRequest(requestLine[0], question < 0 ? target : target.substring(0, question),
                question < 0 ? null : target.substring(question + 1), headers);
        byte[] body = Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        boolean chunked = request.firstHeader("Transfer-Encoding").filter("chunked"::equalsIgnoreCase).isPresent();
        return new Captured(request, chunked ? dechunk(body) : body);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int position = 0;
        while (true) {
            int lineEnd = text.indexOf("\r\n", position);
            int size = Integer.parseInt(text.substring(position, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}
