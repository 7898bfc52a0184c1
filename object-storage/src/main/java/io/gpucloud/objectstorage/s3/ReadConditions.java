package io.gpucloud.objectstorage.s3;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Arrays;

/**
 * GetObject's and HeadObject's conditions, in S3's order: If-Match (else If-Unmodified-Since) failing is
 * PreconditionFailed; If-None-Match (else If-Modified-Since) holding the current version is 304 Not Modified.
 * CopyObject's x-amz-copy-source-if-* headers follow the same rules, answered 412 in both cases.
 */
final class ReadConditions {

    enum Outcome { PROCEED, NOT_MODIFIED, PRECONDITION_FAILED }

    private ReadConditions() {
    }

    static Outcome evaluate(HttpServletRequest request, String headerPrefix, String etag, Instant lastModified) {
        long modifiedSeconds = lastModified.getEpochSecond();
        String ifMatch = request.getHeader(headerPrefix + "If-Match");
        if (ifMatch != null && !matches(ifMatch, etag)) {
            return Outcome.PRECONDITION_FAILED;
        }
        long unmodifiedSince = date(request, headerPrefix + "If-Unmodified-Since");
        if (ifMatch == null && unmodifiedSince >= 0 && modifiedSeconds > unmodifiedSince / 1000) {
            return Outcome.PRECONDITION_FAILED;
        }
        String ifNoneMatch = request.getHeader(headerPrefix + "If-None-Match");
        if (ifNoneMatch != null) {
            return matches(ifNoneMatch, etag) ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
        }
        long modifiedSince = date(request, headerPrefix + "If-Modified-Since");
        if (modifiedSince >= 0 && modifiedSeconds <= modifiedSince / 1000) {
            return Outcome.NOT_MODIFIED;
        }
        return Outcome.PROCEED;
    }

    private static boolean matches(String header, String etag) {
        return Arrays.stream(header.split(",")).map(String::strip)
                .anyMatch(value -> value.equals("*") || ObjectHeaders.unquoted(value).equalsIgnoreCase(etag));
    }

    private static long date(HttpServletRequest request, String name) {
        try {
            return request.getDateHeader(name);
        } catch (IllegalArgumentException e) {
            return -1; // unparseable: ignored, as HTTP says
        }
    }
}
