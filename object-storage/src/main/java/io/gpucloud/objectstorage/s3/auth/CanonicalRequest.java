package io.gpucloud.objectstorage.s3.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The SigV4 canonical request for S3:
 *
 * <pre>
 * PUT                                    method
 * /test%24file.text                      path, decoded and encoded once, not normalised
 * partNumber=1&amp;uploadId=abc          query, each name and value encoded, sorted by name then value
 * host:examplebucket.s3.amazonaws.com    each signed header: lower-case name, trimmed value,
 * x-amz-content-sha256:44ce7d...           inner runs of whitespace collapsed, repeats joined by ","
 * x-amz-date:20130524T000000Z
 *                                        (empty line ends the headers)
 * host;x-amz-content-sha256;x-amz-date   signed header names
 * 44ce7dd67c959e0d3524ffac1771dfbba8...  hashed payload: the x-amz-content-sha256 value
 * </pre>
 */
record CanonicalRequest(String method, String uri, String query, String headers, String signedHeaders, String hashedPayload) {
    /** The presigned-URL parameter that carries the signature and so cannot be part of what is signed. */
    static final String SIGNATURE_PARAMETER = "X-Amz-Signature";

    /**
     * Builds the canonical request of {@code request}.
     *
     * @param signedHeaderNames the header names the client said it signed, lower case
     * @param hashedPayload the last line: a SHA-256, or a literal such as {@code UNSIGNED-PAYLOAD}
     * @param presigned whether to leave {@code X-Amz-Signature} out of the query
     */
    static CanonicalRequest of(SignedRequest request, List<String> signedHeaderNames, String hashedPayload, boolean presigned) {
        List<String> names = signedHeaderNames.stream().sorted().toList();
        StringBuilder headers = new StringBuilder();
        for (String name : names) {
            headers.append(name).append(':').append(canonicalHeaderValue(request.headerValues(name))).append('\n');
        }
        return new CanonicalRequest(
                request.method().toUpperCase(Locale.ROOT),
                UriEncoding.canonicalPath(request.rawPath()),
                canonicalQuery(request.queryParameters(), presigned),
                headers.toString(),
                String.join(";", names),
                hashedPayload);
    }

    /** The text that is hashed into the string to sign. */
    String text() {
        return method + "\n" + uri + "\n" + query + "\n" + headers + "\n" + signedHeaders + "\n" + hashedPayload;
    }

    /**
     * The string to sign for this request:
     * {@code AWS4-HMAC-SHA256\n<amz-date>\n<scope>\n<hex sha256 of the canonical request>}.
     */
    String stringToSign(String amzDate, CredentialScope scope) {
        return "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope.value() + "\n" + SigV4Crypto.sha256Hex(text());
    }

    private static String canonicalQuery(List<QueryParameter> parameters, boolean presigned) {
        List<String[]> encoded = new ArrayList<>();
        for (QueryParameter parameter : parameters) {
            if (presigned && parameter.name().equals(SIGNATURE_PARAMETER)) {
                continue;
            }
            encoded.add(new String[] {
                UriEncoding.canonicalQueryComponent(parameter.rawName()),
                UriEncoding.canonicalQueryComponent(parameter.rawValue())});
        }
        // Encoded text is ASCII, so String order is the byte order SigV4 asks for.
        encoded.sort(Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]));
        return encoded.stream().map(pair -> pair[0] + "=" + pair[1]).collect(Collectors.joining("&"));
    }

    private static String canonicalHeaderValue(List<String> values) {
        return values.stream().map(CanonicalRequest::trimAll).collect(Collectors.joining(","));
    }

    /** Trims and collapses inner whitespace runs to one space, as the AWS SDKs do before signing. */
    private static String trimAll(String value) {
        return String.join(" ", value.strip().split("\\s+"));
    }
}
