package io.gpucloud.objectstorage.s3.auth;

import static io.gpucloud.objectstorage.s3.auth.TestRequests.assertS3Error;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.clockAt;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.request;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.secrets;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.signHeader;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.withHeader;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.withTarget;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.withoutHeader;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Authorization-header requests: what passes, and the S3 error each kind of failure gets. */
class SigV4VerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String KEY = "EC2KEY0001";
    private static final String SECRET = "s3cr3t/with+plus=";
    private static final CredentialScope SCOPE = new CredentialScope("20261123", "gpu-east-1", "s3", "aws4_request");
    private static final S3AuthSettings SETTINGS = new S3AuthSettings(List.of("gpu-east-1", "us-east-1"),
            Duration.ofMinutes(15), S3AuthSettings.DEFAULT_MAX_CHUNK_SIZE, MissingContentSha256Policy.REJECT);

    private static SigV4Verifier verifierAt(Instant now) {
        return verifierAt(now, SETTINGS);
    }

    private static SigV4Verifier verifierAt(Instant now, S3AuthSettings settings) {
        return new SigV4Verifier(secrets(Map.of(KEY, SECRET)), settings, clockAt(now));
    }

    /** A PUT with a query, an x-amz header and a signed payload, signed at {@link #NOW}. */
    private static SignedRequest unsignedPut() {
        return request("PUT", "/photos/2026/cat%20one.jpg?partNumber=3&uploadId=abc-123",
                "Host: s3.gpucloud.test:8080",
                "Content-Type: image/jpeg",
                "x-amz-date: 20261123T100000Z",
                "x-amz-storage-class: STANDARD",
                "x-amz-content-sha256: " + SigV4Crypto.sha256Hex("meow"));
    }

    private static SignedRequest signedPut() {
        return signHeader(unsignedPut(), KEY, SECRET, SCOPE);
    }

    @Test
    void aCorrectlySignedRequestYieldsTheKeyOwnerAndPayloadMode() {
        VerifiedRequest verified = verifierAt(NOW).verify(signedPut());

        assertThat(verified.accessKeyId()).isEqualTo(KEY);
        assertThat(verified.projectId()).isEqualTo(TestRequests.PROJECT);
        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.SIGNED);
        assertThat(verified.payloadSha256()).contains(SigV4Crypto.sha256Hex("meow"));
        assertThat(verified.signing().scope()).isEqualTo(SCOPE);
        assertThat(verified.signing().amzDate()).isEqualTo("20261123T100000Z");
        assertThat(verified.signing().signingKey()).isEqualTo(SigV4Crypto.deriveSigningKey(SECRET, SCOPE));
        assertThat(verified.signing().toString()).doesNotContain(SigV4Crypto.hex(SigV4Crypto.deriveSigningKey(SECRET, SCOPE)));
    }

    @Test
    void aTamperedSignedHeaderFailsAndTheErrorCarriesTheCanonicalRequestAndStringToSign() {
        SignedRequest tampered = withHeader(signedPut(), "x-amz-storage-class", "GLACIER");

        S3AuthException error = assertS3Error(() -> verifierAt(NOW).verify(tampered), S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH);

        assertThat(error.httpStatus()).isEqualTo(403);
        assertThat(error.canonicalRequest()).hasValueSatisfying(text -> assertThat(text).contains("x-amz-storage-class:GLACIER\n"));
        assertThat(error.stringToSign()).hasValueSatisfying(text -> assertThat(text).startsWith("AWS4-HMAC-SHA256\n20261123T100000Z\n"));
        assertThat(error.details()).containsEntry("AWSAccessKeyId", KEY).doesNotContainValue(SECRET);
    }

    @Test
    void aTamperedPathFails() {
        SignedRequest tampered = withTarget(signedPut(), "/photos/2026/cat%20two.jpg", signedPut().rawQuery());

        assertS3Error(() -> verifierAt(NOW).verify(tampered), S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void aTamperedOrAddedQueryParameterFails() {
        SignedRequest changed = withTarget(signedPut(), signedPut().rawPath(), "partNumber=4&uploadId=abc-123");
        SignedRequest added = withTarget(signedPut(), signedPut().rawPath(), "partNumber=3&uploadId=abc-123&acl");

        assertS3Error(() -> verifierAt(NOW).verify(changed), S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH);
        assertS3Error(() -> verifierAt(NOW).verify(added), S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void aTamperedPayloadHashFails() {
        SignedRequest tampered = withHeader(signedPut(), "x-amz-content-sha256", SigV4Crypto.sha256Hex("woof"));

        assertS3Error(() -> verifierAt(NOW).verify(tampered), S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void aChangedMethodFails() {
        SignedRequest signed = signedPut();
        SignedRequest post = new SignedRequest("POST", signed.rawPath(), signed.rawQuery(), signed.headers());

        assertS3Error(() -> verifierAt(NOW).verify(post), S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void aSignatureMadeWithAnotherSecretFails() {
        SignedRequest wrongSecret = signHeader(unsignedPut(), KEY, "not-the-secret", SCOPE);

        assertS3Error(() -> verifierAt(NOW).verify(wrongSecret), S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void anUnknownAccessKeyIsInvalidAccessKeyId() {
        SignedRequest unknown = signHeader(unsignedPut(), "NOSUCHKEY", SECRET, SCOPE);

        S3AuthException error = assertS3Error(() -> verifierAt(NOW).verify(unknown), S3AuthErrorCode.INVALID_ACCESS_KEY_ID);

        assertThat(error.httpStatus()).isEqualTo(403);
        assertThat(error.details()).containsEntry("AWSAccessKeyId", "NOSUCHKEY");
    }

    @Test
    void aRequestMoreThanTheAllowedSkewFromTheServerClockIsRequestTimeTooSkewed() {
        SignedRequest signed = signedPut();

        S3AuthException late = assertS3Error(() -> verifierAt(NOW.plus(Duration.ofMinutes(15).plusSeconds(1))).verify(signed),
                S3AuthErrorCode.REQUEST_TIME_TOO_SKEWED);
        assertS3Error(() -> verifierAt(NOW.minus(Duration.ofMinutes(16))).verify(signed), S3AuthErrorCode.REQUEST_TIME_TOO_SKEWED);

        assertThat(late.httpStatus()).isEqualTo(403);
        assertThat(late.details()).containsEntry("RequestTime", "20261123T100000Z")
                .containsEntry("ServerTime", "2026-11-23T10:15:01Z")
                .containsEntry("MaxAllowedSkewMilliseconds", "900000");
    }

    @Test
    void aRequestWithinTheAllowedSkewPasses() {
        assertThat(verifierAt(NOW.plus(Duration.ofMinutes(15))).verify(signedPut()).accessKeyId()).isEqualTo(KEY);
        assertThat(verifierAt(NOW.minus(Duration.ofMinutes(14))).verify(signedPut()).accessKeyId()).isEqualTo(KEY);
    }

    @Test
    void aRegionTheCloudDoesNotDeclareIsMalformedAndTheErrorNamesTheFirstRegion() {
        SignedRequest otherRegion = signHeader(unsignedPut(), KEY, SECRET,
                new CredentialScope("20261123", "eu-west-1", "s3", "aws4_request"));

        S3AuthException error = assertS3Error(() -> verifierAt(NOW).verify(otherRegion),
                S3AuthErrorCode.AUTHORIZATION_HEADER_MALFORMED);

        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.getMessage()).contains("'eu-west-1' is wrong; expecting 'gpu-east-1'");
        assertThat(error.details()).containsEntry("Region", "gpu-east-1");
    }

    @Test
    void everyDeclaredRegionIsAccepted() {
        SignedRequest second = signHeader(unsignedPut(), KEY, SECRET, new CredentialScope("20261123", "us-east-1", "s3", "aws4_request"));

        assertThat(verifierAt(NOW).verify(second).signing().scope().region()).isEqualTo("us-east-1");
    }

    @Test
    void aScopeForAnotherServiceOrTerminatorIsMalformed() {
        SignedRequest ec2 = signHeader(unsignedPut(), KEY, SECRET, new CredentialScope("20261123", "gpu-east-1", "ec2", "aws4_request"));
        SignedRequest terminator = signHeader(unsignedPut(), KEY, SECRET, new CredentialScope("20261123", "gpu-east-1", "s3", "aws5_request"));

        assertS3Error(() -> verifierAt(NOW).verify(ec2), S3AuthErrorCode.AUTHORIZATION_HEADER_MALFORMED);
        assertS3Error(() -> verifierAt(NOW).verify(terminator), S3AuthErrorCode.AUTHORIZATION_HEADER_MALFORMED);
    }

    @Test
    void aScopeDateOtherThanTheDayOfXAmzDateIsMalformed() {
        SignedRequest yesterday = signHeader(unsignedPut(), KEY, SECRET, new CredentialScope("20261122", "gpu-east-1", "s3", "aws4_request"));

        S3AuthException error = assertS3Error(() -> verifierAt(NOW).verify(yesterday), S3AuthErrorCode.AUTHORIZATION_HEADER_MALFORMED);

        assertThat(error.getMessage()).contains("\"20261122\"").contains("\"20261123\"");
    }

    @Test
    void aRequestWithoutAnyDateIsAccessDenied() {
        SignedRequest signed = signedPut();
        SignedRequest noDate = withoutHeader(signed, "x-amz-date");
        SignedRequest badDate = withHeader(signed, "x-amz-date", "2026-11-23T10:00:00Z");

        assertS3Error(() -> verifierAt(NOW).verify(noDate), S3AuthErrorCode.ACCESS_DENIED);
        assertS3Error(() -> verifierAt(NOW).verify(badDate), S3AuthErrorCode.ACCESS_DENIED);
    }

    @Test
    void theDateHeaderStandsInForXAmzDateAndIsSignedInBasicIsoForm() {
        SignedRequest unsigned = request("GET", "/bucket/key",
                "Host: s3.gpucloud.test",
                "Date: Mon, 23 Nov 2026 10:00:00 GMT",
                "x-amz-content-sha256: UNSIGNED-PAYLOAD");
        List<String> signedHeaders = List.of("date", "host", "x-amz-content-sha256");
        String signature = SigV4Crypto.sign(SigV4Crypto.deriveSigningKey(SECRET, SCOPE),
                CanonicalRequest.of(unsigned, signedHeaders, "UNSIGNED-PAYLOAD", false).stringToSign("20261123T100000Z", SCOPE));
        SignedRequest signed = withHeader(unsigned, "Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY + "/" + SCOPE.value()
                + ", SignedHeaders=date;host;x-amz-content-sha256, Signature=" + signature);

        VerifiedRequest verified = verifierAt(NOW).verify(signed);

        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(verified.signing().amzDate()).isEqualTo("20261123T100000Z");
    }

    @Test
    void theHeaderThatCarriesTheTimeMustBeSigned() {
        SignedRequest unsigned = request("GET", "/bucket/key",
                "Host: s3.gpucloud.test",
                "Date: Mon, 23 Nov 2026 10:00:00 GMT",
                "x-amz-content-sha256: UNSIGNED-PAYLOAD");
        String signature = SigV4Crypto.sign(SigV4Crypto.deriveSigningKey(SECRET, SCOPE),
                CanonicalRequest.of(unsigned, List.of("host"), "UNSIGNED-PAYLOAD", false).stringToSign("20261123T100000Z", SCOPE));
        SignedRequest dateUnsigned = withHeader(unsigned, "Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY + "/"
                + SCOPE.value() + ", SignedHeaders=host, Signature=" + signature);

        S3AuthException error = assertS3Error(() -> verifierAt(NOW).verify(dateUnsigned), S3AuthErrorCode.AUTHORIZATION_HEADER_MALFORMED);

        assertThat(error.getMessage()).contains("date header must be signed");
    }

    @Test
    void anAuthorizationHeaderWithoutItsThreeComponentsIsMalformed() {
        SignedRequest signed = signedPut();
        String header = signed.firstHeader("Authorization").orElseThrow();

        for (String broken : List.of(
                header.substring(0, header.indexOf(", Signature=")),
                header.replace("Credential=" + KEY + "/", "Credential=" + KEY + "-"),
                header.replace("SignedHeaders=", "SignedHeaders=;"),
                header + ", Extra=1",
                header.substring(0, header.length() - 2),
                "AWS4-HMAC-SHA256 garbage")) {
            assertS3Error(() -> verifierAt(NOW).verify(withHeader(signed, "Authorization", broken)),
                    S3AuthErrorCode.AUTHORIZATION_HEADER_MALFORMED);
        }
    }

    @Test
    void signatureVersion2IsRefusedAsUnsupported() {
        SignedRequest v2 = withHeader(unsignedPut(), "Authorization", "AWS " + KEY + ":frJIUN8DYpKDtOLCwo//yllqDzg=");

        S3AuthException error = assertS3Error(() -> verifierAt(NOW).verify(v2), S3AuthErrorCode.INVALID_REQUEST);

        assertThat(error.getMessage()).contains("Please use AWS4-HMAC-SHA256");
    }

    @Test
    void anotherAlgorithmIsAnUnsupportedAuthorizationType() {
        SignedRequest sigv4a = withHeader(unsignedPut(), "Authorization",
                "AWS4-ECDSA-P256-SHA256 Credential=" + KEY + "/20261123/s3/aws4_request, SignedHeaders=host, Signature=00");

        assertS3Error(() -> verifierAt(NOW).verify(sigv4a), S3AuthErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void aHeaderSignatureAndAPresignedQueryTogetherAreRefused() {
        SignedRequest signed = signedPut();
        SignedRequest both = withTarget(signed, signed.rawPath(), signed.rawQuery() + "&X-Amz-Algorithm=AWS4-HMAC-SHA256");

        assertS3Error(() -> verifierAt(NOW).verify(both), S3AuthErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void anAnonymousRequestIsAccessDeniedAndRecognisable() {
        SignedRequest anonymous = request("GET", "/bucket/key", "Host: s3.gpucloud.test");

        assertThat(SigV4Verifier.isAnonymous(anonymous)).isTrue();
        assertThat(SigV4Verifier.isAnonymous(signedPut())).isFalse();
        assertS3Error(() -> verifierAt(NOW).verify(anonymous), S3AuthErrorCode.ACCESS_DENIED);
    }

    @Test
    void withoutXAmzContentSha256TheRequestIsRefusedAsAwsDoes() {
        SignedRequest noHash = signHeader(withoutHeader(unsignedPut(), "x-amz-content-sha256"), KEY, SECRET, SCOPE);

        S3AuthException error = assertS3Error(() -> verifierAt(NOW).verify(noHash), S3AuthErrorCode.INVALID_REQUEST);

        assertThat(error.getMessage()).isEqualTo("Missing required header for this request: x-amz-content-sha256");
    }

    @Test
    void withoutXAmzContentSha256TheLenientPolicyVerifiesAgainstAnEmptyPayloadAndLeavesTheBodyUnsigned() {
        S3AuthSettings lenient = new S3AuthSettings(SETTINGS.regions(), SETTINGS.maxClockSkew(), SETTINGS.maxChunkSize(),
                MissingContentSha256Policy.ASSUME_EMPTY_PAYLOAD);
        SignedRequest noHash = signHeader(withoutHeader(unsignedPut(), "x-amz-content-sha256"), KEY, SECRET, SCOPE);

        VerifiedRequest verified = verifierAt(NOW, lenient).verify(noHash);

        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(verified.payloadSha256()).isEmpty();
    }

    @Test
    void anXAmzContentSha256ThatIsNeitherAHashNorAKnownLiteralIsInvalidArgument() {
        for (String value : List.of("abc", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", "unsigned-payload", "z".repeat(64))) {
            SignedRequest bad = signHeader(withHeader(unsignedPut(), "x-amz-content-sha256", value), KEY, SECRET, SCOPE);

            S3AuthException error = assertS3Error(() -> verifierAt(NOW).verify(bad), S3AuthErrorCode.INVALID_ARGUMENT);
            assertThat(error.details()).containsEntry("ArgumentValue", value);
        }
    }

    @Test
    void everyStreamingLiteralSelectsItsPayloadMode() {
        Map<String, PayloadMode> literals = Map.of(
                "UNSIGNED-PAYLOAD", PayloadMode.UNSIGNED,
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", PayloadMode.STREAMING_SIGNED,
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", PayloadMode.STREAMING_SIGNED_TRAILER,
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER", PayloadMode.STREAMING_UNSIGNED_TRAILER);
        literals.forEach((literal, mode) -> {
            SignedRequest signed = signHeader(withHeader(unsignedPut(), "x-amz-content-sha256", literal), KEY, SECRET, SCOPE);
            VerifiedRequest verified = verifierAt(NOW).verify(signed);
            assertThat(verified.payloadMode()).isEqualTo(mode);
            assertThat(verified.payloadSha256()).isEmpty();
        });
    }

    @Test
    void anXAmzHeaderLeftOutOfTheSignatureIsAccessDenied() {
        SignedRequest extra = withHeader(signedPut(), "x-amz-acl", "public-read");

        S3AuthException error = assertS3Error(() -> verifierAt(NOW).verify(extra), S3AuthErrorCode.ACCESS_DENIED);

        assertThat(error.details()).containsEntry("HeadersNotSigned", "x-amz-acl");
    }

    @Test
    void anUnsignedContentSha256HeaderIsAllowedBecauseItsValueEndsTheCanonicalRequest() {
        SignedRequest unsigned = unsignedPut();
        List<String> signedHeaders = List.of("content-type", "host", "x-amz-date", "x-amz-storage-class");
        String hash = unsigned.firstHeader("x-amz-content-sha256").orElseThrow();
        String signature = SigV4Crypto.sign(SigV4Crypto.deriveSigningKey(SECRET, SCOPE),
                CanonicalRequest.of(unsigned, signedHeaders, hash, false).stringToSign("20261123T100000Z", SCOPE));
        SignedRequest signed = withHeader(unsigned, "Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY + "/" + SCOPE.value()
                + ", SignedHeaders=" + String.join(";", signedHeaders) + ", Signature=" + signature);

        assertThat(verifierAt(NOW).verify(signed).payloadSha256()).contains(hash);
    }

    @Test
    void aSignatureThatDoesNotCoverHostIsMalformed() {
        SignedRequest unsigned = withoutHeader(unsignedPut(), "Host");
        SignedRequest signed = withHeader(signHeader(unsigned, KEY, SECRET, SCOPE), "Host", "s3.gpucloud.test:8080");

        assertS3Error(() -> verifierAt(NOW).verify(signed), S3AuthErrorCode.AUTHORIZATION_HEADER_MALFORMED);
    }

    @Test
    void upperCaseHexInTheSignatureIsAccepted() {
        SignedRequest signed = signedPut();
        String header = signed.firstHeader("Authorization").orElseThrow();
        int at = header.indexOf("Signature=") + "Signature=".length();
        SignedRequest upper = withHeader(signed, "Authorization", header.substring(0, at) + header.substring(at).toUpperCase());

        assertThat(verifierAt(NOW).verify(upper).seedSignature()).isEqualTo(header.substring(at));
    }

    @Test
    void headerNamesAreMatchedWithoutRegardToCase() {
        SignedRequest signed = signedPut();
        String authorization = signed.firstHeader("authorization").orElseThrow();
        SignedRequest renamed = request("PUT", signed.rawPath() + "?" + signed.rawQuery(),
                "HOST: s3.gpucloud.test:8080",
                "content-type: image/jpeg",
                "X-AMZ-DATE: 20261123T100000Z",
                "X-Amz-Storage-Class: STANDARD",
                "X-Amz-Content-SHA256: " + SigV4Crypto.sha256Hex("meow"),
                "AUTHORIZATION: " + authorization);

        assertThat(verifierAt(NOW).verify(renamed).accessKeyId()).isEqualTo(KEY);
    }
}
