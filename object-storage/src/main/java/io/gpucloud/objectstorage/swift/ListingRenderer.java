package io.gpucloud.objectstorage.swift;

import static java.util.Objects.requireNonNull;

import io.gpucloud.objectstorage.store.ListingEntry;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Account and container listings in Swift's three formats, picked by {@code ?format=} or else the Accept
 * header:
 * <pre>
 * json   [{"name": "photos", "count": 2, "bytes": 10, "last_modified": "…"}, {"subdir": "a/"}]
 * xml    &lt;container name="c"&gt;&lt;object&gt;&lt;name&gt;…&lt;/name&gt;…&lt;/object&gt;&lt;subdir name="a/"&gt;&lt;name&gt;a/&lt;/name&gt;&lt;/subdir&gt;&lt;/container&gt;
 * plain  one name per line; an empty plain listing is a 204 with no body
 * </pre>
 */
@Component
class ListingRenderer {

    enum Format { JSON, XML, PLAIN }

    private final JsonMapper json;

    ListingRenderer(JsonMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    static Format formatOf(HttpServletRequest request) {
        String format = request.getParameter("format");
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> Format.JSON;
                case "xml" -> Format.XML;
                default -> Format.PLAIN;
            };
        }
        String accept = request.getHeader("Accept");
        if (accept != null) {
            String lower = accept.toLowerCase(Locale.ROOT);
            if (lower.contains("application/json")) {
                return Format.JSON;
            }
            if (lower.contains("application/xml") || lower.contains("text/xml")) {
                return Format.XML;
            }
        }
        return Format.PLAIN;
    }

    /**
     * @param root {@code account} or {@code container}, the XML root element
     * @param item {@code container} or {@code object}, the XML element of an item
     * @param fields an item's fields in the order Swift writes them, {@code name} first
     */
    <T> ResponseEntity<byte[]> render(Format format, String root, String rootName, String item,
            List<ListingEntry<T>> entries, Function<T, Map<String, Object>> fields, HttpHeaders headers) {
        byte[] body;
        String contentType;
        switch (format) {
            case JSON -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (ListingEntry<T> entry : entries) {
                    rows.add(entry instanceof ListingEntry.Item<T> i ? fields.apply(i.value()) : Map.of("subdir", entry.name()));
                }
                body = json.writeValueAsBytes(rows);
                contentType = "application/json; charset=utf-8";
            }
            case XML -> {
                body = xml(root, rootName, item, entries, fields).getBytes(StandardCharsets.UTF_8);
                contentType = "application/xml; charset=utf-8";
            }
            default -> {
                if (entries.isEmpty()) {
                    headers.set(HttpHeaders.CONTENT_TYPE, SwiftHeaders.TEXT_PLAIN);
                    return ResponseEntity.noContent().headers(headers).build();
                }
                StringBuilder text = new StringBuilder();
                entries.forEach(entry -> text.append(entry.name()).append('\n'));
                body = text.toString().getBytes(StandardCharsets.UTF_8);
                contentType = SwiftHeaders.TEXT_PLAIN;
            }
        }
        headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        return ResponseEntity.ok().headers(headers).body(body);
    }

    private static <T> String xml(String root, String rootName, String item, List<ListingEntry<T>> entries,
            Function<T, Map<String, Object>> fields) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append('<').append(root).append(" name=\"").append(escape(rootName)).append("\">");
        for (ListingEntry<T> entry : entries) {
            if (entry instanceof ListingEntry.Item<T> i) {
                xml.append('<').append(item).append('>');
                new LinkedHashMap<>(fields.apply(i.value())).forEach((key, value) -> xml.append('<').append(key).append('>')
                        .append(escape(String.valueOf(value))).append("</").append(key).append('>'));
                xml.append("</").append(item).append('>');
            } else {
                xml.append("<subdir name=\"").append(escape(entry.name())).append("\"><name>")
                        .append(escape(entry.name())).append("</name></subdir>");
            }
        }
        return xml.append("</").append(root).append('>').toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
