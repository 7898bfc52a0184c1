package io.gpucloud.objectstorage.s3.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SigV4 query parameters of a presigned URL:
 * {@code X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders,
 * X-Amz-Signature}.
 */
record PresignedParameters(
        Credential credential, String amzDate, long expiresSeconds, List<String> signedHeaders, String signature) {
    static final String ALGORITHM_PARAMETER = "X-Amz-Algorithm";
    /** A week: the longest a presigned URL may live. */
    static final long MAX_EXPIRES_SECONDS = 604_800;

    static PresignedParameters parse(List<QueryParameter> query) {
        Optional<String> algorithm = QueryParameter.find(query, ALGORITHM_PARAMETER);
        Optional<String> credential = QueryParameter.find(query, "X-Amz-Credential");
        Optional<String> date = QueryParameter.find(query, "X-Amz-Date");
        Optional<String> expires = QueryParameter.find(query, "X-Amz-Expires");
        Optional<String> signedHeaders = QueryParameter.find(query, "X-Amz-SignedHeaders");
        Optional<String> signature = QueryParameter.find(query, CanonicalRequest.SIGNATURE_PARAMETER);
        if (algorithm.isEmpty() || credential.isEmpty() || date.isEmpty() || expires.isEmpty()
                || signedHeaders.isEmpty() || signature.isEmpty()) {
            throw error("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential,"
                    + " X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        if (!algorithm.get().equals(AuthorizationHeader.ALGORITHM)) {
            throw error("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        Credential parsedCredential = Credential.parse(credential.get())
                .orElseThrow(() -> error("Error parsing the X-Amz-Credential parameter; the Credential is mal-formed;"
                        + " expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."));
        if (!SigV4Crypto.isSha256Hex(signature.get())) {
            throw error("X-Amz-Signature must be 64 hexadecimal digits.");
        }
        List<String> headerNames = Arrays.stream(signedHeaders.get().split(";", -1))
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .toList();
        if (headerNames.stream().anyMatch(String::isEmpty)) {
            throw error("X-Amz-SignedHeaders contains an empty header name.");
        }
        return new PresignedParameters(parsedCredential, date.get(), parseExpires(expires.get()), headerNames, signature.get());
    }

    private static long parseExpires(String text) {
        long seconds;
        try {
            seconds = Long.parseLong(text);
        }
        catch (NumberFormatException e) {
            throw error("X-Amz-Expires should be a number");
        }
        if (seconds < 1) {
            throw error("X-Amz-Expires must be a positive number of seconds");
        }
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw error("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        return seconds;
    }

    private static S3AuthException error(String message) {
        return new S3AuthException(S3AuthErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, message);
    }
}
