package io.gpucloud.objectstorage.s3;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bucket, key and query of a path-style S3 request, read from the raw request line: {@code /bucket/key…}.
 * The key is everything after the bucket's slash, percent-decoded, so it may hold {@code /}, {@code //},
 * {@code ..}, a leading slash ({@code /bucket//k} is key {@code /k}) or any UTF-8.
 *
 * @param bucket null for the service ({@code GET /})
 * @param key null for a bucket request ({@code /bucket} or {@code /bucket/})
 * @param query decoded parameters, first value of each name; a sub-resource like {@code ?uploads} maps to ""
 */
record S3Path(String bucket, String key, Map<String, String> query) {

    static S3Path of(String rawPath, String rawQuery) {
        Map<String, String> query = parseQuery(rawQuery);
        String rest = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (rest.isEmpty()) {
            return new S3Path(null, null, query);
        }
        int slash = rest.indexOf('/');
        String bucket = PercentDecoding.path(slash < 0 ? rest : rest.substring(0, slash));
        String key = slash < 0 || slash == rest.length() - 1 ? null : PercentDecoding.path(rest.substring(slash + 1));
        return new S3Path(bucket, key, query);
    }

    boolean has(String parameter) {
        return query.containsKey(parameter);
    }

    String param(String parameter) {
        return query.get(parameter);
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Collections.unmodifiableMap(query);
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = PercentDecoding.query(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : PercentDecoding.query(pair.substring(equals + 1));
            query.putIfAbsent(name, value);
        }
        return Collections.unmodifiableMap(query);
    }
}
