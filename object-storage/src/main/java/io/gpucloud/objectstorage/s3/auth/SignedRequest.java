package io.gpucloud.objectstorage.s3.auth;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parts of an HTTP request that a SigV4 signature covers, exactly as they arrived.
 *
 * <p>The path and query must be the raw, still percent-encoded text of the request line: servlet
 * containers decode {@code getRequestURI()}'s cousins ({@code getServletPath()}, {@code
 * getPathInfo()}) and normalise them, and a signature over {@code /a%2Fb} or {@code /a/../b} can
 * only be checked against the bytes the client sent. Controllers pass {@code getRequestURI()} and
 * {@code getQueryString()}.
 *
 * @param method the HTTP method, e.g. {@code PUT}
 * @param rawPath the path as sent, percent-encoded, without query; empty means {@code /}
 * @param rawQuery the query as sent, without the leading {@code ?}; {@code null} or empty when none
 * @param headers every request header; names are matched without regard to case, and a header
 *     sent more than once keeps all of its values in order
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
    public SignedRequest {
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = caseInsensitiveCopy(requireNonNull(headers, "headers is null"));
    }

    /** The first value of header {@code name}, if the request has it. */
    public Optional<String> firstHeader(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of header {@code name}, in arrival order; empty when absent. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The query split into parameters, in the order sent, still encoded. */
    List<QueryParameter> queryParameters() {
        return QueryParameter.parse(rawQuery);
    }

    private static Map<String, List<String>> caseInsensitiveCopy(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), (first, second) -> {
            List<String> merged = new ArrayList<>(first);
            merged.addAll(second);
            return List.copyOf(merged);
        }));
        return Collections.unmodifiableMap(copy);
    }
}
