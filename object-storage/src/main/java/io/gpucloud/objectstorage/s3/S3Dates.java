package io.gpucloud.objectstorage.s3;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The two date shapes S3 uses: ISO 8601 with milliseconds in XML, RFC 1123 in headers. */
final class S3Dates {

    private static final DateTimeFormatter XML = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private S3Dates() {
    }

    static String xml(Instant instant) {
        return XML.format(instant);
    }

    static String http(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}
