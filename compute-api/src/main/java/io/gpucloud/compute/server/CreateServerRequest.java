package io.gpucloud.compute.server;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.common.messaging.contract.ServerGroupSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A {@code POST /servers} body, checked: every field a client may send is read here, every mistake is a 400 that
 * says what is wrong, and everything downstream gets clean values.
 *
 * @param count how many servers (max_count; Nova creates up to max_count, at least min_count)
 */
public record CreateServerRequest(String name, String flavorRef, UUID imageRef, String keyName, String userData,
        Map<String, String> metadata, String availabilityZone, String accessIpv4, String accessIpv6,
        String diskConfig, Map<String, List<String>> schedulerHints, Optional<ServerGroupSpec> serverGroup,
        int count) {

    static final int MAX_USER_DATA = 65_535;
    static final int MAX_METADATA_ITEMS = 128;
    static final int MAX_COUNT = 64;

    /**
     * @param groups looks up a server group by id for the caller (empty when absent or not theirs)
     */
    public static CreateServerRequest parse(JsonNode body, ApiVersion version,
            Function<UUID, Optional<ServerGroupSpec>> groups) {
        JsonNode server = body == null ? null : body.path("server");
        if (server == null || !server.isObject()) {
            throw ApiException.badRequest("Invalid input for field/attribute server. Value: missing.");
        }
        String name = text(server, "name");
        if (name == null || name.isBlank() || name.length() > 255) {
            throw ApiException.badRequest("Invalid input for field/attribute name: a name of 1 to 255 characters is"
                    + " required.");
        }
        String flavorRef = lastSegment(text(server, "flavorRef"));
        if (flavorRef == null || flavorRef.isEmpty()) {
            throw ApiException.badRequest("Invalid input for field/attribute flavorRef: it is required.");
        }
        UUID image = imageRef(server);
        if (version.atLeast(2, 37) && !server.has("networks")) {
            throw ApiException.badRequest("Invalid input for field/attribute networks: it is required from"
                    + " microversion 2.37 (\"auto\", \"none\" or a list).");
        }
        String keyName = text(server, "key_name");
        String userData = text(server, "user_data");
        if (userData != null) {
            if (userData.length() > MAX_USER_DATA) {
                throw ApiException.badRequest("User data too large. User data must be no larger than " + MAX_USER_DATA
                        + " bytes once base64 encoded.");
            }
            try {
                Base64.getMimeDecoder().decode(userData);
            }
            catch (IllegalArgumentException e) {
                throw ApiException.badRequest("User data needs to be valid base 64.");
            }
        }
        Map<String, String> metadata = metadata(server.path("metadata"));
        String zone = text(server, "availability_zone");
        String diskConfig = text(server, "OS-DCF:diskConfig");
        if (diskConfig != null && !diskConfig.equals("AUTO") && !diskConfig.equals("MANUAL")) {
            throw ApiException.badRequest("Invalid input for field/attribute OS-DCF:diskConfig: AUTO or MANUAL.");
        }
        JsonNode hintsNode = body.path("os:scheduler_hints");
        if (hintsNode.isMissingNode()) {
            hintsNode = server.path("os:scheduler_hints");
        }
        Map<String, List<String>> hints = hints(hintsNode);
        Optional<ServerGroupSpec> group = Optional.empty();
        if (hints.containsKey("group")) {
            UUID groupId = uuid(hints.get("group").get(0), "group");
            group = Optional.of(groups.apply(groupId).orElseThrow(() -> ApiException.badRequest(
                    "Invalid server group " + groupId + ": it does not exist or is not yours.")));
            hints.remove("group");
        }
        int count = count(server);
        return new CreateServerRequest(name, flavorRef, image, keyName, userData, metadata, zone,
                text(server, "accessIPv4") == null ? "" : text(server, "accessIPv4"),
                text(server, "accessIPv6") == null ? "" : text(server, "accessIPv6"),
                diskConfig == null ? "MANUAL" : diskConfig, hints, group, count);
    }

    private static UUID imageRef(JsonNode server) {
        String imageRef = lastSegment(text(server, "imageRef"));
        boolean blockDevices = server.path("block_device_mapping_v2").isArray()
                && !server.path("block_device_mapping_v2").isEmpty();
        if (blockDevices) {
            throw ApiException.badRequest("Booting from a volume (block_device_mapping_v2) is not supported by this"
                    + " cloud yet; boot from an image.");
        }
        if (imageRef == null || imageRef.isEmpty()) {
            throw ApiException.badRequest("Invalid input for field/attribute imageRef: an image is required.");
        }
        return uuid(imageRef, "imageRef");
    }

    private static int count(JsonNode server) {
        int min = integer(server, "min_count", 1);
        int max = integer(server, "max_count", min);
        if (min < 1 || max < min || max > MAX_COUNT) {
            throw ApiException.badRequest("min_count and max_count must satisfy 1 <= min_count <= max_count <= "
                    + MAX_COUNT + ".");
        }
        // All or nothing: the quota check covers max_count, as Nova's does when it can.
        return max;
    }

    private static Map<String, String> metadata(JsonNode node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return metadata;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("Invalid input for field/attribute metadata: an object is expected.");
        }
        if (node.size() > MAX_METADATA_ITEMS) {
            throw ApiException.forbidden("Quota exceeded for metadata_items: at most " + MAX_METADATA_ITEMS
                    + " metadata items are allowed.");
        }
        node.properties().forEach(entry -> {
            String key = entry.getKey();
            if (key.isEmpty() || key.length() > 255 || !entry.getValue().isString()
                    || entry.getValue().stringValue().length() > 255) {
                throw ApiException.badRequest("Invalid input for field/attribute metadata: keys of 1 to 255"
                        + " characters with string values of at most 255.");
            }
            metadata.put(key, entry.getValue().stringValue());
        });
        return metadata;
    }

    private static Map<String, List<String>> hints(JsonNode node) {
        Map<String, List<String>> hints = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return hints;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("Invalid input for field/attribute os:scheduler_hints: an object.");
        }
        node.properties().forEach(entry -> {
            List<String> values = new ArrayList<>();
            if (entry.getValue().isArray()) {
                entry.getValue().forEach(value -> values.add(value.asString()));
            }
            else {
                values.add(entry.getValue().asString());
            }
            if (values.isEmpty()) {
                throw ApiException.badRequest("Scheduler hint " + entry.getKey() + " has no value.");
            }
            if (entry.getKey().equals("different_host") || entry.getKey().equals("same_host")) {
                values.forEach(value -> uuid(value, entry.getKey()));
            }
            hints.put(entry.getKey(), values);
        });
        return hints;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ApiException.badRequest("Invalid input for field/attribute " + field + ": a string is expected.");
        }
        return value.stringValue();
    }

    private static int integer(JsonNode node, String field, int fallback) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (value.isIntegralNumber()) {
            return value.intValue();
        }
        if (value.isString()) {
            try {
                return Integer.parseInt(value.stringValue());
            }
            catch (NumberFormatException e) {
                // reported below
            }
        }
        throw ApiException.badRequest("Invalid input for field/attribute " + field + ": an integer is expected.");
    }

    private static UUID uuid(String text, String field) {
        try {
            return UUID.fromString(text);
        }
        catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid input for field/attribute " + field + ": '" + text
                    + "' is not a UUID.");
        }
    }

    /** A flavorRef or imageRef may be a URL; the id is its last path segment. */
    private static String lastSegment(String ref) {
        if (ref == null) {
            return null;
        }
        String trimmed = ref.endsWith("/") ? ref.substring(0, ref.length() - 1) : ref;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
