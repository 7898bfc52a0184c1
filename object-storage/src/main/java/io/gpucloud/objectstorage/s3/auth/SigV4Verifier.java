package io.gpucloud.objectstorage.s3.auth;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Verifies AWS Signature Version 4 on S3 requests, signed either in the Authorization header or
 * in the query of a presigned URL.
 *
 * <p>The checks run cheapest first, and the secret is looked up only once the request is
 * well formed, inside its scope and on time:
 *
 * <pre>
 * Authorization header / X-Amz-* query    parse         -> AuthorizationHeaderMalformed / AuthorizationQueryParametersError
 * credential scope                        s3, region, day -> the same two codes
 * x-amz-date (or Date) / X-Amz-Expires    clock          -> RequestTimeTooSkewed / AccessDenied "Request has expired"
 * access key                              SecretLookup   -> InvalidAccessKeyId
 * x-amz-content-sha256                    payload mode   -> InvalidRequest / InvalidArgument
 * signed headers                          host, x-amz-*  -> AccessDenied
 * canonical request, string to sign       HMAC chain     -> SignatureDoesNotMatch
 * </pre>
 *
 * <p>Only the request line and headers are verified here. The body is verified as it is read,
 * through {@link PayloadDecoder#open}. Holds no per-request state, so one instance serves all
 * requests concurrently.
 */
public final class SigV4Verifier {
    static final String SERVICE = "s3";
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";

    private final SecretLookup secrets;
    private final S3AuthSettings settings;
    private final Clock clock;

    public SigV4Verifier(SecretLookup secrets, S3AuthSettings settings, Clock clock) {
        this.secrets = requireNonNull(secrets, "secrets is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Whether {@code request} carries no credentials of any kind (no Authorization header, no signed query). */
    public static boolean isAnonymous(SignedRequest request) {
        List<QueryParameter> query = request.queryParameters();
        return request.firstHeader("Authorization").isEmpty()
                && QueryParameter.find(query, PresignedParameters.ALGORITHM_PARAMETER).isEmpty()
                && QueryParameter.find(query, "Signature").isEmpty();
    }

    /**
     * Verifies the signature of {@code request}.
     *
     * @throws S3AuthException when the request is not signed by a known key in a way this endpoint
     *     accepts; an anonymous request gets {@code AccessDenied}
     */
    public VerifiedRequest verify(SignedRequest request) {
        Optional<String> authorization = request.firstHeader("Authorization");
        List<QueryParameter> query = request.queryParameters();
        boolean presigned = QueryParameter.find(query, PresignedParameters.ALGORITHM_PARAMETER).isPresent();
        if (authorization.isPresent() && presigned) {
            throw new S3AuthException(S3AuthErrorCode.INVALID_ARGUMENT, "Only one auth mechanism allowed; only the"
                    + " X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header"
                    + " should be specified");
        }
        if (authorization.isPresent()) {
            return verifyHeader(request, authorization.get().strip());
        }
        if (presigned) {
            return verifyPresigned(request, query);
        }
        if (QueryParameter.find(query, "Signature").isPresent()) {
            throw unsupportedMechanism();
        }
        throw new S3AuthException(S3AuthErrorCode.ACCESS_DENIED, "Access Denied");
    }

    private VerifiedRequest verifyHeader(SignedRequest request, String authorization) {
        if (authorization.startsWith("AWS ")) {
            throw unsupportedMechanism();
        }
        if (!authorization.startsWith(AuthorizationHeader.ALGORITHM + " ")) {
            throw new S3AuthException(S3AuthErrorCode.INVALID_ARGUMENT, "Unsupported Authorization Type",
                    Map.of("ArgumentName", "Authorization", "ArgumentValue", authorization.split(" ", 2)[0]));
        }
        AuthorizationHeader header = AuthorizationHeader.parse(authorization);
        RequestTime time = headerTime(request, header.signedHeaders());
        CredentialScope scope = header.credential().scope();
        checkScope(scope, time, S3AuthErrorCode.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed; ");
        checkSkew(time);
        String accessKeyId = header.credential().accessKeyId();
        AccessKeySecret secret = findSecret(accessKeyId);
        Optional<String> declaredPayload = request.firstHeader(CONTENT_SHA256).map(String::strip);
        PayloadMode mode = payloadMode(declaredPayload);
        checkSignedHeaders(request, header.signedHeaders(), S3AuthErrorCode.AUTHORIZATION_HEADER_MALFORMED);
        String hashedPayload = declaredPayload.orElse(SigV4Crypto.EMPTY_SHA256);
        CanonicalRequest canonical = CanonicalRequest.of(request, header.signedHeaders(), hashedPayload, false);
        byte[] signingKey = SigV4Crypto.deriveSigningKey(secret.secretAccessKey(), scope);
        checkSignature(canonical, time, scope, signingKey, header.signature(), accessKeyId);
        Optional<String> payloadSha256 = mode == PayloadMode.SIGNED
                ? declaredPayload.map(value -> value.toLowerCase(Locale.ROOT))
                : Optional.empty();
        return new VerifiedRequest(accessKeyId, secret.projectId(), secret.userId(), mode, payloadSha256,
                new SigningContext(signingKey, time.amzDate(), scope, header.signature().toLowerCase(Locale.ROOT)));
    }

    private VerifiedRequest verifyPresigned(SignedRequest request, List<QueryParameter> query) {
        PresignedParameters parameters = PresignedParameters.parse(query);
        RequestTime time = RequestTime.parseAmzDate(parameters.amzDate())
                .orElseThrow(() -> new S3AuthException(S3AuthErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                        "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\""));
        CredentialScope scope = parameters.credential().scope();
        checkScope(scope, time, S3AuthErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                "Error parsing the X-Amz-Credential parameter; ");
        checkValidity(time, parameters.expiresSeconds());
        String accessKeyId = parameters.credential().accessKeyId();
        AccessKeySecret secret = findSecret(accessKeyId);
        checkSignedHeaders(request, parameters.signedHeaders(), S3AuthErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
        // A presigned URL is made before the body exists, so its payload is always unsigned.
        CanonicalRequest canonical = CanonicalRequest.of(request, parameters.signedHeaders(), "UNSIGNED-PAYLOAD", true);
        byte[] signingKey = SigV4Crypto.deriveSigningKey(secret.secretAccessKey(), scope);
        checkSignature(canonical, time, scope, signingKey, parameters.signature(), accessKeyId);
        return new VerifiedRequest(accessKeyId, secret.projectId(), secret.userId(), PayloadMode.UNSIGNED, Optional.empty(),
                new SigningContext(signingKey, time.amzDate(), scope, parameters.signature().toLowerCase(Locale.ROOT)));
    }

    /**
     * The signing time of a header-signed request: x-amz-date, or the Date header when there is no
     * x-amz-date. Whichever it is must be signed; an unsigned time could be replaced to replay a
     * captured request outside its skew window.
     */
    private static RequestTime headerTime(SignedRequest request, List<String> signedHeaders) {
        Optional<String> amzDate = request.firstHeader("x-amz-date");
        Optional<String> httpDate = request.firstHeader("Date");
        Optional<RequestTime> time = amzDate.isPresent()
                ? amzDate.flatMap(RequestTime::parseAmzDate)
                : httpDate.flatMap(RequestTime::parseHttpDate);
        if (time.isEmpty()) {
            throw new S3AuthException(S3AuthErrorCode.ACCESS_DENIED, "AWS authentication requires a valid Date or x-amz-date header");
        }
        String timeHeader = amzDate.isPresent() ? "x-amz-date" : "date";
        if (!signedHeaders.contains(timeHeader)) {
            throw new S3AuthException(S3AuthErrorCode.AUTHORIZATION_HEADER_MALFORMED,
                    "The authorization header is malformed; the " + timeHeader + " header must be signed.");
        }
        return time.get();
    }

    private void checkScope(CredentialScope scope, RequestTime time, S3AuthErrorCode code, String prefix) {
        if (!scope.service().equals(SERVICE)) {
            throw new S3AuthException(code, prefix + "incorrect service \"" + scope.service()
                    + "\". This endpoint belongs to \"" + SERVICE + "\".");
        }
        if (!scope.terminator().equals(CredentialScope.AWS4_REQUEST)) {
            throw new S3AuthException(code, prefix + "incorrect terminal \"" + scope.terminator()
                    + "\". This endpoint uses \"" + CredentialScope.AWS4_REQUEST + "\".");
        }
        if (!settings.regions().contains(scope.region())) {
            String expected = settings.regions().get(0);
            throw new S3AuthException(code, prefix + "the region '" + scope.region() + "' is wrong; expecting '"
                    + expected + "'", Map.of("Region", expected));
        }
        if (!scope.date().equals(time.day())) {
            throw new S3AuthException(code, prefix + "Invalid credential date \"" + scope.date()
                    + "\". This date is not the same as X-Amz-Date: \"" + time.day() + "\".");
        }
    }

    private void checkSkew(RequestTime time) {
        Instant now = clock.instant();
        if (Duration.between(time.instant(), now).abs().compareTo(settings.maxClockSkew()) > 0) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("RequestTime", time.amzDate());
            details.put("ServerTime", now.toString());
            details.put("MaxAllowedSkewMilliseconds", Long.toString(settings.maxClockSkew().toMillis()));
            throw new S3AuthException(S3AuthErrorCode.REQUEST_TIME_TOO_SKEWED,
                    "The difference between the request time and the current time is too large.", details);
        }
    }

    /** A presigned URL is good from its X-Amz-Date (less the allowed skew) for X-Amz-Expires seconds. */
    private void checkValidity(RequestTime time, long expiresSeconds) {
        Instant now = clock.instant();
        if (time.instant().minus(settings.maxClockSkew()).isAfter(now)) {
            throw new S3AuthException(S3AuthErrorCode.ACCESS_DENIED, "Request is not valid yet");
        }
        Instant expires = time.instant().plusSeconds(expiresSeconds);
        if (now.isAfter(expires)) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("X-Amz-Expires", Long.toString(expiresSeconds));
            details.put("Expires", expires.toString());
            details.put("ServerTime", now.toString());
            throw new S3AuthException(S3AuthErrorCode.ACCESS_DENIED, "Request has expired", details);
        }
    }

    private AccessKeySecret findSecret(String accessKeyId) {
        return secrets.find(accessKeyId).orElseThrow(() -> new S3AuthException(S3AuthErrorCode.INVALID_ACCESS_KEY_ID,
                "The AWS Access Key Id you provided does not exist in our records.", Map.of("AWSAccessKeyId", accessKeyId)));
    }

    private PayloadMode payloadMode(Optional<String> declared) {
        if (declared.isEmpty()) {
            return switch (settings.missingContentSha256()) {
                case REJECT -> throw new S3AuthException(S3AuthErrorCode.INVALID_REQUEST,
                        "Missing required header for this request: " + CONTENT_SHA256);
                case ASSUME_EMPTY_PAYLOAD -> PayloadMode.UNSIGNED;
            };
        }
        return PayloadMode.fromContentSha256(declared.get()).orElseThrow(() -> new S3AuthException(
                S3AuthErrorCode.INVALID_ARGUMENT,
                "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD,"
                        + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-UNSIGNED-PAYLOAD-TRAILER or a valid sha256 value.",
                Map.of("ArgumentName", CONTENT_SHA256, "ArgumentValue", declared.get())));
    }

    /**
     * The signature must cover the host, or it could be replayed against another endpoint that
     * shares the key, and every {@code x-amz-*} header, or a man in the middle could add one (an
     * ACL, a copy source). x-amz-content-sha256 may go unsigned: the canonical request ends with
     * its value anyway.
     */
    private static void checkSignedHeaders(SignedRequest request, List<String> signedHeaders, S3AuthErrorCode malformed) {
        if (!signedHeaders.contains("host")) {
            throw new S3AuthException(malformed, "The host header must be signed.");
        }
        List<String> unsigned = request.headers().keySet().stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .filter(name -> name.startsWith("x-amz-") && !name.equals(CONTENT_SHA256) && !signedHeaders.contains(name))
                .sorted()
                .toList();
        if (!unsigned.isEmpty()) {
            throw new S3AuthException(S3AuthErrorCode.ACCESS_DENIED,
                    "There were headers present in the request which were not signed",
                    Map.of("HeadersNotSigned", unsigned.stream().collect(Collectors.joining(", "))));
        }
    }

    private static void checkSignature(CanonicalRequest canonical, RequestTime time, CredentialScope scope,
            byte[] signingKey, String provided, String accessKeyId) {
        String stringToSign = canonical.stringToSign(time.amzDate(), scope);
        if (!SigV4Crypto.signaturesMatch(SigV4Crypto.sign(signingKey, stringToSign), provided)) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("AWSAccessKeyId", accessKeyId);
            details.put(S3AuthException.STRING_TO_SIGN, stringToSign);
            details.put("SignatureProvided", provided);
            details.put(S3AuthException.CANONICAL_REQUEST, canonical.text());
            throw new S3AuthException(S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH, "The request signature we calculated"
                    + " does not match the signature you provided. Check your key and signing method.", details);
        }
    }

    private static S3AuthException unsupportedMechanism() {
        return new S3AuthException(S3AuthErrorCode.INVALID_REQUEST,
                "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
    }
}
