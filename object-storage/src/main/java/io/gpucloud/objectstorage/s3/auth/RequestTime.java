package io.gpucloud.objectstorage.s3.auth;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * A request's signing time: the instant, and the {@code yyyyMMdd'T'HHmmss'Z'} text that goes into
 * the string to sign.
 */
record RequestTime(Instant instant, String amzDate) {
    static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withResolverStyle(ResolverStyle.STRICT);

    /** The day part of the time, which the credential scope's date must equal. */
    String day() {
        return amzDate.substring(0, 8);
    }

    /** Parses an {@code x-amz-date} / {@code X-Amz-Date} value; empty when it is not one. */
    static Optional<RequestTime> parseAmzDate(String value) {
        try {
            Instant instant = LocalDateTime.parse(value, AMZ_DATE).toInstant(ZoneOffset.UTC);
            return Optional.of(new RequestTime(instant, value));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses an HTTP {@code Date} header, which SigV4 allows instead of {@code x-amz-date}; the
     * string to sign then carries the same instant in the basic ISO 8601 form.
     */
    static Optional<RequestTime> parseHttpDate(String value) {
        try {
            Instant instant = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(new RequestTime(instant, AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC))));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
