package io.gpucloud.objectstorage.s3;

import io.gpucloud.objectstorage.store.StoredObject;
import io.gpucloud.objectstorage.store.UserMetadata;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An object's headers in S3's dialect. User metadata travels as {@code x-amz-meta-*} and is stored without
 * the prefix, lower case, so Swift shows the same items as {@code X-Object-Meta-*}.
 */
final class ObjectHeaders {

    static final String META_PREFIX = "x-amz-meta-";
    /** What S3 stores when an upload names no content type. */
    static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
    /** GetObject's query parameters that override a response header (used by presigned download links). */
    private static final Map<String, String> OVERRIDES = Map.of(
            "response-content-type", "Content-Type",
            "response-content-language", "Content-Language",
            "response-expires", "Expires",
            "response-cache-control", "Cache-Control",
            "response-content-disposition", "Content-Disposition",
            "response-content-encoding", "Content-Encoding");

    private ObjectHeaders() {
    }

    static UserMetadata userMetadata(HttpServletRequest request) {
        Map<String, String> metadata = new TreeMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(META_PREFIX) && lower.length() > META_PREFIX.length()) {
                metadata.put(lower.substring(META_PREFIX.length()), String.join(",", Collections.list(request.getHeaders(name))));
            }
        }
        return UserMetadata.of(metadata);
    }

    static String contentType(HttpServletRequest request) {
        String sent = request.getContentType();
        return sent == null || sent.isBlank() ? DEFAULT_CONTENT_TYPE : sent;
    }

    static String quoted(String etag) {
        return "\"" + etag + "\"";
    }

    /** Strips the quotes S3 clients put around an ETag they send back. */
    static String unquoted(String etag) {
        String value = etag.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /** The headers of a GET or HEAD of {@code object}, whose current ETag and size are given. */
    static void write(HttpServletResponse response, StoredObject object, String etag, S3Path path) {
        response.setContentType(object.contentType());
        response.setHeader("ETag", quoted(etag));
        response.setHeader("Last-Modified", S3Dates.http(object.lastModified()));
        response.setHeader("Accept-Ranges", "bytes");
        object.metadata().values().forEach((name, value) -> response.setHeader(META_PREFIX + name, value));
        OVERRIDES.forEach((parameter, header) -> {
            String value = path.param(parameter);
            if (value != null) {
                response.setHeader(header, value);
            }
        });
    }
}
