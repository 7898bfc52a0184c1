package io.gpucloud.objectstorage.s3.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code name=value} pair of a raw query string, kept encoded as sent.
 *
 * <p>A parameter without {@code =} (S3's sub-resources: {@code ?lifecycle}, {@code ?uploads}) has
 * an empty value; SigV4 signs it as {@code lifecycle=}.
 */
record QueryParameter(String rawName, String rawValue) {
    /** The name, percent-decoded ({@code +} read as a space, as S3 and servlet containers do). */
    String name() {
        return UriEncoding.decodeQueryComponent(rawName);
    }

    /** The value, percent-decoded ({@code +} read as a space). */
    String value() {
        return UriEncoding.decodeQueryComponent(rawValue);
    }

    static List<QueryParameter> parse(String rawQuery) {
        List<QueryParameter> parameters = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            parameters.add(equals < 0
                    ? new QueryParameter(pair, "")
                    : new QueryParameter(pair.substring(0, equals), pair.substring(equals + 1)));
        }
        return parameters;
    }

    /** The decoded value of the first parameter whose decoded name is {@code name}. */
    static Optional<String> find(List<QueryParameter> parameters, String name) {
        return parameters.stream().filter(parameter -> parameter.name().equals(name)).findFirst().map(QueryParameter::value);
    }
}
