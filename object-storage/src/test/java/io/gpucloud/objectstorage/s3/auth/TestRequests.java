package io.gpucloud.objectstorage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Builders shared by the SigV4 tests: the AWS documentation's example credentials, requests written
 * the way they appear on the wire, and a signer for requests the documentation has no example of.
 *
 * <p>The signer uses the production canonical request, so tests built on it show that a change
 * to one part is caught, not that the canonical form is right; the documented examples
 * ({@link AwsDocumentedExamplesTest}) and captured client requests ({@link CapturedClientRequestsTest})
 * pin the form itself.
 */
final class TestRequests {
    static final String EXAMPLE_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant EXAMPLE_TIME = Instant.parse("2013-05-24T00:00:00Z");
    static final String EXAMPLE_AMZ_DATE = "20130524T000000Z";
    static final CredentialScope EXAMPLE_SCOPE = new CredentialScope("20130524", "us-east-1", "s3", "aws4_request");
    static final String PROJECT = "project-7";
    static final String USER = "user-3";

    private TestRequests() {}

    /** Identity as a map: one key per entry, all in {@link #PROJECT}. */
    static SecretLookup secrets(Map<String, String> secretsByKey) {
        return accessKeyId -> Optional.ofNullable(secretsByKey.get(accessKeyId))
                .map(secret -> new AccessKeySecret(secret, PROJECT, USER));
    }

    static SecretLookup exampleSecrets() {
        return secrets(Map.of(EXAMPLE_ACCESS_KEY, EXAMPLE_SECRET));
    }

    static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static SigV4Verifier exampleVerifier(Instant now) {
        return new SigV4Verifier(exampleSecrets(), S3AuthSettings.forRegion("us-east-1"), clockAt(now));
    }

    /**
     * A request from its request target ({@code /path?query}, as sent) and {@code "Name: value"}
     * header lines.
     */
    static SignedRequest request(String method, String target, String... headerLines) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon), name -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
        int question = target.indexOf('?');
        return question < 0
                ? new SignedRequest(method, target, null, headers)
                : new SignedRequest(method, target.substring(0, question), target.substring(question + 1), headers);
    }

    /** {@code request} plus one more header. */
    static SignedRequest withHeader(SignedRequest request, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put(name, List.of(value));
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers);
    }

    static SignedRequest withoutHeader(SignedRequest request, String name) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.keySet().removeIf(key -> key.equalsIgnoreCase(name));
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers);
    }

    static SignedRequest withTarget(SignedRequest request, String rawPath, String rawQuery) {
        return new SignedRequest(request.method(), rawPath, rawQuery, request.headers());
    }

    /**
     * Signs {@code request} in an Authorization header over all its headers, with the hashed
     * payload taken from its x-amz-content-sha256 header and the time from its x-amz-date.
     */
    static SignedRequest signHeader(SignedRequest request, String accessKeyId, String secret, CredentialScope scope) {
        List<String> signedHeaders = request.headers().keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).sorted().toList();
        String hashedPayload = request.firstHeader("x-amz-content-sha256").orElse(SigV4Crypto.EMPTY_SHA256);
        String amzDate = request.firstHeader("x-amz-date").orElseThrow();
        String signature = SigV4Crypto.sign(SigV4Crypto.deriveSigningKey(secret, scope),
                CanonicalRequest.of(request, signedHeaders, hashedPayload, false).stringToSign(amzDate, scope));
        return withHeader(request, "Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope.value()
                + ", SignedHeaders=" + String.join(";", signedHeaders) + ", Signature=" + signature);
    }

    /** Presigns {@code request} (which must have only a Host header) for {@code expiresSeconds}. */
    static SignedRequest presign(SignedRequest request, String accessKeyId, String secret, CredentialScope scope,
            String amzDate, long expiresSeconds) {
        String query = (request.rawQuery().isEmpty() ? "" : request.rawQuery() + "&")
                + "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=" + UriEncoding.encode(accessKeyId + "/" + scope.value())
                + "&X-Amz-Date=" + amzDate
                + "&X-Amz-Expires=" + expiresSeconds
                + "&X-Amz-SignedHeaders=host";
        SignedRequest unsigned = withTarget(request, request.rawPath(), query);
        String signature = SigV4Crypto.sign(SigV4Crypto.deriveSigningKey(secret, scope),
                CanonicalRequest.of(unsigned, List.of("host"), "UNSIGNED-PAYLOAD", true).stringToSign(amzDate, scope));
        return withTarget(request, request.rawPath(), query + "&X-Amz-Signature=" + signature);
    }

    static S3AuthException assertS3Error(ThrowingCallable call, S3AuthErrorCode code) {
        S3AuthException[] caught = new S3AuthException[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(S3AuthException.class, e -> {
            assertThat(e.errorCode()).as(e.getMessage()).isEqualTo(code);
            caught[0] = e;
        });
        return caught[0];
    }

    static byte[] readAll(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream bytes(byte[] data) {
        return new ByteArrayInputStream(data);
    }

    static byte[] repeat(char c, int count) {
        byte[] data = new byte[count];
        Arrays.fill(data, (byte) c);
        return data;
    }
}
