package io.gpucloud.objectstorage.s3.auth;

import static java.util.Objects.requireNonNull;

/**
 * The scope a signature is bound to: {@code 20130524/us-east-1/s3/aws4_request}.
 *
 * <p>The signing key is derived from the secret and this scope, so a signature made for another
 * day, region or service cannot be replayed here.
 *
 * @param date the signing day, {@code yyyyMMdd}
 * @param region the region the client was configured with
 * @param service {@code s3} for every request this endpoint accepts
 * @param terminator always {@code aws4_request} in a valid request
 */
public record CredentialScope(String date, String region, String service, String terminator) {
    /** The last element of every SigV4 scope. */
    public static final String AWS4_REQUEST = "aws4_request";

    public CredentialScope {
        requireNonNull(date, "date is null");
        requireNonNull(region, "region is null");
        requireNonNull(service, "service is null");
        requireNonNull(terminator, "terminator is null");
    }

    /** The scope as it appears in the credential and the string to sign. */
    public String value() {
        return date + "/" + region + "/" + service + "/" + terminator;
    }
}
