package io.gpucloud.compute.flavor;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.compute.FlavorResources;
import io.gpucloud.common.compute.InvalidExtraSpecException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What an extra spec write must satisfy: Nova's key and value format, then common's {@link FlavorResources}
 * reading of the whole resulting set (so an unknown resource class, a malformed {@code resources:}, {@code trait:},
 * {@code hw:} or {@code gpu:} spec, or a bad combination of keys, is refused when written rather than when a server
 * is booted from the flavor).
 */
final class ExtraSpecRules {

    private static final Pattern KEY = Pattern.compile("^[a-zA-Z0-9\\-_:. ]{1,255}$");
    private static final int MAX_VALUE = 255;

    private ExtraSpecRules() {
    }

    /** A JSON object of extra specs, values as Nova stores them (strings; numbers and booleans as their text). */
    static Map<String, String> parse(JsonNode specs, String what) {
        if (specs == null || !specs.isObject()) {
            throw ApiException.badRequest("'" + what + "' must be an object of extra spec keys and values.");
        }
        Map<String, String> parsed = new TreeMap<>();
        for (Map.Entry<String, JsonNode> spec : specs.properties()) {
            parsed.put(checkKey(spec.getKey()), value(spec.getKey(), spec.getValue()));
        }
        return parsed;
    }

    static String checkKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw ApiException.badRequest("Invalid extra spec key '" + key + "': use 1 to 255 of letters, digits, "
                    + "'-', '_', ':', '.' and spaces.");
        }
        return key;
    }

    private static String value(String key, JsonNode value) {
        String text;
        if (value.isString()) {
            text = value.stringValue();
        } else if (value.isBoolean()) {
            // Nova stores Python's str(): True / False.
            text = value.booleanValue() ? "True" : "False";
        } else if (value.isNumber()) {
            text = value.asString();
        } else {
            throw ApiException.badRequest("Invalid value for extra spec '" + key + "': use a string.");
        }
        if (text.length() > MAX_VALUE) {
            throw ApiException.badRequest("Invalid value for extra spec '" + key + "': longer than " + MAX_VALUE
                    + " characters.");
        }
        return text;
    }

    /** Refuses a spec set that the scheduler could not turn into a Placement request for this flavor. */
    static void requireSchedulable(Flavor flavor, Map<String, String> resultingSpecs) {
        try {
            FlavorResources.validateExtraSpecs(resultingSpecs);
            FlavorResources.translate(flavor.vcpus(), flavor.ramMb(), flavor.diskGb(), resultingSpecs, Map.of());
        } catch (InvalidExtraSpecException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    static boolean isSchedulable(Flavor flavor, Map<String, String> specs) {
        try {
            requireSchedulable(flavor, specs);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }
}
