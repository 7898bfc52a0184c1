package io.gpucloud.scheduler.provider;

import io.gpucloud.scheduler.api.PlacementException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A request body read the way Placement's JSON Schemas read it: {@code additionalProperties: false}
 * everywhere, integers that must be integers, and every wrong shape a 400 naming the field, found before
 * anything is written. Shared by the provider, inventory, trait and aggregate handlers.
 */
public final class StrictJson {

    /** Placement's integer columns are 32-bit; its schemas cap every count at this. */
    public static final int MAX_INT = Integer.MAX_VALUE;

    private static final Pattern UUID_TEXT = Pattern.compile(
            "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");

    private final JsonNode node;
    private final String path;

    private StrictJson(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The request body, which must be a JSON object with no keys but {@code allowed}. */
    public static StrictJson object(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw invalid("the request body must be a JSON object.");
        }
        return new StrictJson(body, "").allowOnly(allowed);
    }

    /** The request body as a JSON array (aggregates before 1.19). */
    public static List<JsonNode> array(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw invalid("the request body must be a JSON array.");
        }
        List<JsonNode> items = new ArrayList<>();
        body.forEach(items::add);
        return items;
    }

    public StrictJson allowOnly(Set<String> allowed) {
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                throw invalid("additional property " + qualified(key) + " is not allowed.");
            }
        }
        return this;
    }

    public boolean has(String key) {
        return node.has(key);
    }

    public Set<String> keys() {
        return new LinkedHashSet<>(node.propertyNames());
    }

    /** A nested object, which must be present. */
    public StrictJson object(String key) {
        JsonNode child = node.get(key);
        if (child == null) {
            throw required(key);
        }
        if (!child.isObject()) {
            throw invalid(qualified(key) + " must be an object.");
        }
        return new StrictJson(child, qualified(key));
    }

    public JsonNode raw(String key) {
        return node.get(key);
    }

    public String requiredString(String key, int minLength, int maxLength) {
        if (!node.has(key)) {
            throw required(key);
        }
        return optionalString(key, minLength, maxLength)
                .orElseThrow(() -> invalid(qualified(key) + " must be a string."));
    }

    /** An optional string; an explicit null reads as absent. */
    public Optional<String> optionalString(String key, int minLength, int maxLength) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            return Optional.empty();
        }
        if (!child.isString()) {
            throw invalid(qualified(key) + " must be a string.");
        }
        String value = child.stringValue();
        if (value.length() < minLength || value.length() > maxLength) {
            throw invalid(qualified(key) + " must be " + minLength + " to " + maxLength + " characters long.");
        }
        return Optional.of(value);
    }

    public int requiredInt(String key, int minimum) {
        return optionalInt(key, minimum).orElseThrow(() -> required(key));
    }

    public Optional<Integer> optionalInt(String key, int minimum) {
        JsonNode child = node.get(key);
        if (child == null) {
            return Optional.empty();
        }
        if (!child.isIntegralNumber() || !child.canConvertToInt()) {
            throw invalid(qualified(key) + " must be an integer no greater than " + MAX_INT + ".");
        }
        int value = child.intValue();
        if (value < minimum) {
            throw invalid(qualified(key) + " must be at least " + minimum + "; got " + value + ".");
        }
        return Optional.of(value);
    }

    /** The generation the caller last saw: {@code resource_provider_generation}, an integer, required. */
    public int requiredGeneration() {
        JsonNode child = node.get("resource_provider_generation");
        if (child == null) {
            throw required("resource_provider_generation");
        }
        if (!child.isIntegralNumber() || !child.canConvertToInt()) {
            throw invalid(qualified("resource_provider_generation") + " must be an integer.");
        }
        return child.intValue();
    }

    public Optional<Double> optionalNumber(String key) {
        JsonNode child = node.get(key);
        if (child == null) {
            return Optional.empty();
        }
        if (!child.isNumber()) {
            throw invalid(qualified(key) + " must be a number.");
        }
        return Optional.of(child.doubleValue());
    }

    /** A list of distinct strings, each 1 to 255 characters (trait names). */
    public List<String> requiredStringSet(String key) {
        JsonNode child = node.get(key);
        if (child == null) {
            throw required(key);
        }
        if (!child.isArray()) {
            throw invalid(qualified(key) + " must be an array.");
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode item : child) {
            if (!item.isString() || item.stringValue().isEmpty() || item.stringValue().length() > 255) {
                throw invalid(qualified(key) + " must hold strings of 1 to 255 characters.");
            }
            if (!values.add(item.stringValue())) {
                throw invalid(qualified(key) + " has non-unique elements.");
            }
        }
        return List.copyOf(values);
    }

    /** A list of distinct UUIDs (aggregates). */
    public static List<UUID> uuidSet(List<JsonNode> items, String what) {
        Set<UUID> values = new LinkedHashSet<>();
        for (JsonNode item : items) {
            if (!item.isString()) {
                throw invalid(what + " must hold UUID strings.");
            }
            if (!values.add(uuid(item.stringValue(), what))) {
                throw invalid(what + " has non-unique elements.");
            }
        }
        return List.copyOf(values);
    }

    public List<JsonNode> array(String key) {
        JsonNode child = node.get(key);
        if (child == null) {
            throw required(key);
        }
        return array(child);
    }

    /**
     * A UUID in a body or query string, dashed or as 32 hex digits (Placement accepts both and stores the
     * dashed form); anything else is a 400.
     */
    public static UUID uuid(String text, String what) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw PlacementException.badRequest("Malformed " + what + ": '" + text + "' is not a UUID.");
        }
        String hex = text.replace("-", "");
        return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
    }

    public String qualified(String key) {
        return "'" + (path.isEmpty() ? "" : path.replace("'", "") + ".") + key + "'";
    }

    private PlacementException required(String key) {
        return invalid(qualified(key) + " is a required property.");
    }

    private static PlacementException invalid(String detail) {
        return PlacementException.badRequest("JSON does not validate: " + detail);
    }
}
