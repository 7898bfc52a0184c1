package io.gpucloud.common.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Typed access to a request's JSON object, where every wrong shape is a 400 that names the field.
 * Controllers take the body as a {@link JsonNode} and read it through this, so that missing fields,
 * wrong types and over-long strings are rejected before anything changes.
 */
public final class JsonBody {

    private static final int MAX_STRING = 255;

    private final JsonNode node;
    private final String path;

    private JsonBody(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The object under {@code key} of the request body, e.g. {@code {"user": {...}}}. */
    public static JsonBody root(JsonNode body, String key) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        return new JsonBody(body, "").object(key);
    }

    public JsonBody object(String key) {
        JsonNode child = node.get(key);
        if (child == null || !child.isObject()) {
            throw ApiException.badRequest("Expecting to find " + qualified(key) + " (an object) in the request.");
        }
        return new JsonBody(child, qualified(key));
    }

    public Optional<JsonBody> optionalObject(String key) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            return Optional.empty();
        }
        if (!child.isObject()) {
            throw ApiException.badRequest(qualified(key) + " must be an object.");
        }
        return Optional.of(new JsonBody(child, qualified(key)));
    }

    public boolean has(String key) {
        return node.has(key);
    }

    public String requiredString(String key) {
        return optionalString(key).filter(s -> !s.isBlank())
                .orElseThrow(() -> ApiException.badRequest("Expecting to find " + qualified(key)
                        + " (a non-empty string) in the request."));
    }

    public Optional<String> optionalString(String key) {
        return optionalString(key, MAX_STRING);
    }

    public Optional<String> optionalString(String key, int maxLength) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            return Optional.empty();
        }
        if (!child.isString()) {
            throw ApiException.badRequest(qualified(key) + " must be a string.");
        }
        String value = child.stringValue();
        if (value.length() > maxLength) {
            throw ApiException.badRequest(qualified(key) + " is longer than " + maxLength + " characters.");
        }
        return Optional.of(value);
    }

    public Optional<Boolean> optionalBoolean(String key) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            return Optional.empty();
        }
        if (!child.isBoolean()) {
            throw ApiException.badRequest(qualified(key) + " must be true or false.");
        }
        return Optional.of(child.booleanValue());
    }

    public JsonNode node() {
        return node;
    }

    public JsonNode raw(String key) {
        return node.get(key);
    }

    public String qualified(String key) {
        return path.isEmpty() ? "'" + key + "'" : "'" + path.replace("'", "") + "." + key + "'";
    }

    @Override
    public String toString() {
        return requireNonNull(path);
    }
}
