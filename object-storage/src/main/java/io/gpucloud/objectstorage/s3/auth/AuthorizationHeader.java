package io.gpucloud.objectstorage.s3.auth;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed SigV4 Authorization header:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request,
 * SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=<64 hex>}.
 *
 * <p>Clients separate the three parts with {@code ", "} (botocore, curl) or {@code ","} (the AWS
 * documentation); both are accepted.
 */
record AuthorizationHeader(Credential credential, List<String> signedHeaders, String signature) {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private static final String THREE_COMPONENTS = "The authorization header is malformed; the authorization header"
            + " requires three components: Credential, SignedHeaders, and Signature.";

    /** Parses everything after the algorithm name; the caller has checked the algorithm. */
    static AuthorizationHeader parse(String value) {
        String components = value.substring(ALGORITHM.length()).strip();
        Map<String, String> parts = new HashMap<>();
        for (String component : components.split(",")) {
            String trimmed = component.strip();
            int equals = trimmed.indexOf('=');
            if (equals <= 0 || parts.putIfAbsent(trimmed.substring(0, equals), trimmed.substring(equals + 1)) != null) {
                throw malformed(THREE_COMPONENTS);
            }
        }
        String credentialText = parts.get("Credential");
        String signedHeadersText = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (parts.size() != 3 || credentialText == null || signedHeadersText == null || signature == null) {
            throw malformed(THREE_COMPONENTS);
        }
        Credential credential = Credential.parse(credentialText)
                .orElseThrow(() -> malformed("The authorization header is malformed; the Credential is mal-formed;"
                        + " expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."));
        if (!SigV4Crypto.isSha256Hex(signature)) {
            throw malformed("The authorization header is malformed; the Signature must be 64 hexadecimal digits.");
        }
        return new AuthorizationHeader(credential, parseSignedHeaders(signedHeadersText), signature);
    }

    private static List<String> parseSignedHeaders(String text) {
        List<String> names = Arrays.stream(text.split(";", -1)).map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
        if (names.stream().anyMatch(String::isEmpty)) {
            throw malformed("The authorization header is malformed; SignedHeaders contains an empty header name.");
        }
        return names;
    }

    private static S3AuthException malformed(String message) {
        return new S3AuthException(S3AuthErrorCode.AUTHORIZATION_HEADER_MALFORMED, message);
    }
}
