package io.gpucloud.objectstorage.swift;

import io.gpucloud.objectstorage.store.UserMetadata;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;

/**
 * Swift's header conventions: user metadata as {@code X-<Kind>-Meta-<Name>} headers, removal through
 * {@code X-Remove-<Kind>-Meta-<Name>}, and the three time formats (X-Timestamp, Last-Modified, and the
 * listings' ISO form).
 */
final class SwiftHeaders {

    static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    static final String TEXT_HTML = "text/html; charset=UTF-8";
    private static final DateTimeFormatter LISTING_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private SwiftHeaders() {
    }

    /** Metadata changes on a request: the values to set, and the names to remove. */
    record MetadataChanges(Map<String, String> set, Set<String> remove) {
    }

    /**
     * The {@code X-<kind>-Meta-*} headers of an account or container request. An empty value removes the
     * name, as {@code X-Remove-<kind>-Meta-*} does (Tempest checks both).
     */
    static MetadataChanges changes(HttpServletRequest request, String kind) {
        String prefix = "x-" + kind + "-meta-";
        String removePrefix = "x-remove-" + kind + "-meta-";
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> remove = new LinkedHashSet<>();
        for (String header : Collections.list(request.getHeaderNames())) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith(prefix) && lower.length() > prefix.length()) {
                String name = metadataName(lower.substring(prefix.length()));
                String value = request.getHeader(header).strip();
                if (value.isEmpty()) {
                    remove.add(name);
                } else {
                    set.put(name, value);
                }
            } else if (lower.startsWith(removePrefix) && lower.length() > removePrefix.length()) {
                remove.add(metadataName(lower.substring(removePrefix.length())));
            }
        }
        remove.removeAll(set.keySet());
        return new MetadataChanges(set, remove);
    }

    /** An object's metadata from its PUT or POST: all of it, and an empty value is kept as "". */
    static Map<String, String> objectMetadata(HttpServletRequest request) {
        String prefix = "x-object-meta-";
        Map<String, String> values = new LinkedHashMap<>();
        for (String header : Collections.list(request.getHeaderNames())) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith(prefix) && lower.length() > prefix.length()) {
                values.put(metadataName(lower.substring(prefix.length())), request.getHeader(header).strip());
            }
        }
        return values;
    }

    /** Adds {@code X-<Kind>-Meta-<Name>} for each item; names are shown title-cased, as Swift does. */
    static void addMetadata(HttpHeaders headers, String kind, UserMetadata metadata) {
        String prefix = "X-" + titleCase(kind) + "-Meta-";
        metadata.values().forEach((name, value) -> headers.add(prefix + titleCase(name), value));
    }

    /** {@code X-Timestamp}: seconds since the epoch with five decimals, e.g. {@code 1700000000.12345}. */
    static String timestamp(Instant instant) {
        long micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        return String.format(Locale.ROOT, "%d.%05d", micros / 1_000_000L, (micros % 1_000_000L) / 10);
    }

    /** {@code Last-Modified}: whole seconds, rounded up as Swift does, so it is never before X-Timestamp. */
    static long lastModifiedMillis(Instant instant) {
        long seconds = instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0);
        return seconds * 1000L;
    }

    /** A listing's {@code last_modified}: ISO 8601 in UTC with microseconds and no zone suffix. */
    static String listingTime(Instant instant) {
        return LISTING_TIME.format(instant);
    }

    /** An ETag as clients may send it ({@code "abc"}, {@code W/"abc"}) reduced to its bare value. */
    static String bareEtag(String value) {
        if (value == null) {
            return null;
        }
        String etag = value.strip();
        if (etag.startsWith("W/")) {
            etag = etag.substring(2);
        }
        if (etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            etag = etag.substring(1, etag.length() - 1);
        }
        return etag;
    }

    /** Underscores in metadata names become hyphens (header names do not survive underscores in proxies). */
    private static String metadataName(String raw) {
        return raw.replace('_', '-');
    }

    static String titleCase(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return out.toString();
    }
}
