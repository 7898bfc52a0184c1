package io.gpucloud.objectstorage.swift;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Conditional reads: If-Match and If-Unmodified-Since fail with 412, If-None-Match and If-Modified-Since
 * answer 304 when the client's copy is current ({@code swift download --skip-identical} relies on it).
 */
final class Preconditions {

    private Preconditions() {
    }

    /** The status to answer instead of the object, if a condition says so. */
    static OptionalInt evaluate(HttpServletRequest request, String etag, Instant lastModified) {
        long modifiedSeconds = SwiftHeaders.lastModifiedMillis(lastModified) / 1000;
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch != null && !matches(ifMatch, etag)) {
            return OptionalInt.of(412);
        }
        long unmodifiedSince = dateHeader(request, "If-Unmodified-Since");
        if (ifMatch == null && unmodifiedSince >= 0 && modifiedSeconds > unmodifiedSince / 1000) {
            return OptionalInt.of(412);
        }
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            return matches(ifNoneMatch, etag) ? OptionalInt.of(304) : OptionalInt.empty();
        }
        long modifiedSince = dateHeader(request, "If-Modified-Since");
        if (modifiedSince >= 0 && modifiedSeconds <= modifiedSince / 1000) {
            return OptionalInt.of(304);
        }
        return OptionalInt.empty();
    }

    static boolean matches(String header, String etag) {
        return Arrays.stream(header.split(",")).map(String::strip)
                .anyMatch(value -> value.equals("*") || SwiftHeaders.bareEtag(value).equalsIgnoreCase(etag));
    }

    private static long dateHeader(HttpServletRequest request, String name) {
        try {
            return request.getDateHeader(name);
        } catch (IllegalArgumentException e) {
            return -1; // an unparseable date is ignored, as HTTP says
        }
    }
}
