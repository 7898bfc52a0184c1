package io.gpucloud.objectstorage.s3.auth;

import static io.gpucloud.objectstorage.s3.auth.TestRequests.assertS3Error;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.clockAt;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.presign;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.request;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.secrets;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.withHeader;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.withTarget;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Presigned URLs: validity window, parameter checks, and that every signed part is bound. */
class PresignedUrlTest {
    private static final Instant SIGNED_AT = Instant.parse("2026-11-23T10:00:00Z");
    private static final String KEY = "EC2KEY0002";
    private static final String SECRET = "presign-secret";
    private static final CredentialScope SCOPE = new CredentialScope("20261123", "gpu-east-1", "s3", "aws4_request");

    private static SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(secrets(Map.of(KEY, SECRET)), S3AuthSettings.forRegion("gpu-east-1"), clockAt(now));
    }

    private static SignedRequest presigned(long expiresSeconds) {
        return presign(request("GET", "/bucket/reports/q4%202026.pdf?response-content-type=application%2Fpdf",
                "Host: s3.gpucloud.test"), KEY, SECRET, SCOPE, "20261123T100000Z", expiresSeconds);
    }

    @Test
    void aPresignedUrlIsGoodUntilItsExpiryInclusive() {
        VerifiedRequest verified = verifierAt(SIGNED_AT.plusSeconds(3600)).verify(presigned(3600));

        assertThat(verified.accessKeyId()).isEqualTo(KEY);
        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
    }

    @Test
    void anExpiredUrlIsAccessDeniedWithTheExpiryInTheErrorBody() {
        S3AuthException error = assertS3Error(() -> verifierAt(SIGNED_AT.plusSeconds(3601)).verify(presigned(3600)),
                S3AuthErrorCode.ACCESS_DENIED);

        assertThat(error.getMessage()).isEqualTo("Request has expired");
        assertThat(error.details()).containsEntry("X-Amz-Expires", "3600")
                .containsEntry("Expires", "2026-11-23T11:00:00Z")
                .containsEntry("ServerTime", "2026-11-23T11:00:01Z");
    }

    @Test
    void aUrlDatedFurtherInTheFutureThanTheSkewIsNotValidYet() {
        S3AuthException error = assertS3Error(() -> verifierAt(SIGNED_AT.minusSeconds(16 * 60)).verify(presigned(3600)),
                S3AuthErrorCode.ACCESS_DENIED);

        assertThat(error.getMessage()).isEqualTo("Request is not valid yet");
        assertThat(verifierAt(SIGNED_AT.minusSeconds(14 * 60)).verify(presigned(3600)).accessKeyId()).isEqualTo(KEY);
    }

    @Test
    void expiresMustBeBetweenOneSecondAndAWeek() {
        assertThat(verifierAt(SIGNED_AT).verify(presigned(604_800)).accessKeyId()).isEqualTo(KEY);
        for (long expires : List.of(0L, -5L, 604_801L)) {
            assertS3Error(() -> verifierAt(SIGNED_AT).verify(presigned(expires)), S3AuthErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
        }
        SignedRequest notANumber = withTarget(presigned(60), "/bucket/reports/q4%202026.pdf",
                presigned(60).rawQuery().replace("X-Amz-Expires=60", "X-Amz-Expires=soon"));
        assertS3Error(() -> verifierAt(SIGNED_AT).verify(notANumber), S3AuthErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
    }

    @Test
    void aMissingOrWrongAlgorithmParameterIsAQueryParametersError() {
        String query = presigned(60).rawQuery();
        for (String broken : List.of(
                query.replace("&X-Amz-SignedHeaders=host", ""),
                query.replace("&X-Amz-Date=20261123T100000Z", ""),
                query.replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA1"),
                query.replace("X-Amz-Date=20261123T100000Z", "X-Amz-Date=20261123"),
                query.replace("X-Amz-Credential=" + KEY + "%2F", "X-Amz-Credential=" + KEY + "-"),
                query.replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=host%3B"))) {
            SignedRequest request = withTarget(presigned(60), "/bucket/reports/q4%202026.pdf", broken);
            assertS3Error(() -> verifierAt(SIGNED_AT).verify(request), S3AuthErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
        }
    }

    @Test
    void aTamperedQueryOrPathFails() {
        SignedRequest url = presigned(3600);
        String query = url.rawQuery();

        for (SignedRequest tampered : List.of(
                withTarget(url, url.rawPath(), query.replace("application%2Fpdf", "text%2Fhtml")),
                withTarget(url, url.rawPath(), query + "&response-content-disposition=attachment"),
                withTarget(url, url.rawPath(), query.replace("X-Amz-Expires=3600", "X-Amz-Expires=7200")),
                withTarget(url, "/bucket/reports/q1%202026.pdf", query),
                withHeader(url, "Host", "evil.test"))) {
            S3AuthException error = assertS3Error(() -> verifierAt(SIGNED_AT).verify(tampered), S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH);
            assertThat(error.canonicalRequest()).hasValueSatisfying(text -> assertThat(text).endsWith("\nUNSIGNED-PAYLOAD")
                    .doesNotContain("X-Amz-Signature"));
        }
    }

    @Test
    void theSignatureParameterIsLeftOutWhereverItStands() {
        SignedRequest url = presigned(3600);
        String query = url.rawQuery();
        int at = query.indexOf("&X-Amz-Signature=");
        String moved = query.substring(at + 1) + "&" + query.substring(0, at);

        assertThat(verifierAt(SIGNED_AT).verify(withTarget(url, url.rawPath(), moved)).accessKeyId()).isEqualTo(KEY);
    }

    @Test
    void aRegionTheCloudDoesNotDeclareIsAQueryParametersErrorNamingTheRegion() {
        SignedRequest elsewhere = presign(request("GET", "/bucket/key", "Host: s3.gpucloud.test"), KEY, SECRET,
                new CredentialScope("20261123", "us-west-2", "s3", "aws4_request"), "20261123T100000Z", 60);

        S3AuthException error = assertS3Error(() -> verifierAt(SIGNED_AT).verify(elsewhere),
                S3AuthErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR);

        assertThat(error.details()).containsEntry("Region", "gpu-east-1");
    }

    @Test
    void anUnknownKeyIsInvalidAccessKeyId() {
        SignedRequest unknown = presign(request("GET", "/bucket/key", "Host: s3.gpucloud.test"), "NOSUCHKEY", SECRET, SCOPE,
                "20261123T100000Z", 60);

        assertS3Error(() -> verifierAt(SIGNED_AT).verify(unknown), S3AuthErrorCode.INVALID_ACCESS_KEY_ID);
    }

    @Test
    void anUnsignedXAmzHeaderOnAPresignedRequestIsAccessDenied() {
        SignedRequest withAcl = withHeader(presigned(60), "x-amz-acl", "public-read");

        assertS3Error(() -> verifierAt(SIGNED_AT).verify(withAcl), S3AuthErrorCode.ACCESS_DENIED);
    }
}
