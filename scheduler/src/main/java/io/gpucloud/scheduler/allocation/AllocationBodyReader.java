package io.gpucloud.scheduler.allocation;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.consumer.ConsumerOwner;
import io.gpucloud.scheduler.consumer.ExpectedGeneration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The allocation bodies of {@code PUT /allocations/{consumer_uuid}} and {@code POST /allocations}, read
 * with the schema of the request's microversion. Every shape error is a 400 before anything is written.
 * <pre>
 * 1.0   {"allocations": [{"resource_provider": {"uuid": RP}, "resources": {"VCPU": 1}}]}
 * 1.8   + "project_id", "user_id" (required)
 * 1.12  {"allocations": {RP: {"resources": {"VCPU": 1}, "generation": ignored}}, ...}
 * 1.13  POST /allocations: {CONSUMER: {the 1.12 body, "allocations" may be empty}, ...}
 * 1.28  + "consumer_generation" (required; null for a new consumer); PUT may send empty allocations
 * 1.34  + "mappings" (accepted, not stored)
 * 1.38  + "consumer_type" (required)
 * </pre>
 */
final class AllocationBodyReader {

    private static final Pattern RESOURCE_CLASS = Pattern.compile("^[A-Z0-9_]+$");
    private static final Pattern CONSUMER_TYPE = Pattern.compile("^[A-Z0-9_]+$");
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");
    private static final int MAX_ID_LENGTH = 255;

    private AllocationBodyReader() {
    }

    /** The body of {@code PUT /allocations/{consumer_uuid}}. */
    static AllocationRequest forConsumer(UUID consumer, JsonNode body, ApiVersion version) {
        requireObject(body, "the request body");
        // Before 1.28 a PUT must allocate something; from 1.28 an empty dict removes the allocations.
        return consumerBody(consumer, body, version, version.atLeast(1, 28));
    }

    /** The body of {@code POST /allocations} (1.13): many consumers, each possibly emptied. */
    static List<AllocationRequest> forManyConsumers(JsonNode body, ApiVersion version) {
        requireObject(body, "the request body");
        if (body.isEmpty()) {
            throw invalid("the request body does not have enough properties (at least one consumer)");
        }
        List<AllocationRequest> requests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            UUID consumer = uuid(entry.getKey(), "consumer uuid");
            requireObject(entry.getValue(), "'" + entry.getKey() + "'");
            requests.add(consumerBody(consumer, entry.getValue(), version, true));
        }
        return requests;
    }

    private static AllocationRequest consumerBody(UUID consumer, JsonNode body, ApiVersion version,
            boolean mayBeEmpty) {
        Set<String> allowed = new LinkedHashSet<>(List.of("allocations"));
        if (version.atLeast(1, 8)) {
            allowed.addAll(List.of("project_id", "user_id"));
        }
        if (version.atLeast(1, 28)) {
            allowed.add("consumer_generation");
        }
        if (version.atLeast(1, 34)) {
            allowed.add("mappings");
        }
        if (version.atLeast(1, 38)) {
            allowed.add("consumer_type");
        }
        for (String name : body.propertyNames()) {
            if (!allowed.contains(name)) {
                throw invalid("Additional properties are not allowed ('" + name + "' was unexpected)");
            }
        }
        for (String name : allowed) {
            if (!body.has(name) && !name.equals("mappings")) {
                throw invalid("'" + name + "' is a required property");
            }
        }

        Map<UUID, Map<String, Integer>> resources = version.atLeast(1, 12)
                ? dictAllocations(body.get("allocations"), mayBeEmpty)
                : listAllocations(body.get("allocations"));
        String projectId = version.atLeast(1, 8) ? identifier(body, "project_id") : ConsumerOwner.INCOMPLETE_CONSUMER_ID;
        String userId = version.atLeast(1, 8) ? identifier(body, "user_id") : ConsumerOwner.INCOMPLETE_CONSUMER_ID;
        ExpectedGeneration generation = version.atLeast(1, 28)
                ? ExpectedGeneration.ofNullable(consumerGeneration(body.get("consumer_generation")))
                : ExpectedGeneration.unchecked();
        if (body.has("mappings") && !body.get("mappings").isObject()) {
            throw invalid("'mappings' is not of type 'object'");
        }
        String consumerType = version.atLeast(1, 38) ? consumerType(body.get("consumer_type")) : null;
        return new AllocationRequest(new ConsumerOwner(consumer, projectId, userId, consumerType), generation, resources);
    }

    /** Before 1.12: {@code [{"resource_provider": {"uuid": RP}, "resources": {...}}]}, at least one. */
    private static Map<UUID, Map<String, Integer>> listAllocations(JsonNode allocations) {
        if (!allocations.isArray()) {
            throw invalid("'allocations' is not of type 'array'");
        }
        if (allocations.isEmpty()) {
            throw invalid("'allocations' should be non-empty");
        }
        Map<UUID, Map<String, Integer>> resources = new LinkedHashMap<>();
        for (JsonNode item : allocations.values()) {
            requireObject(item, "an allocation");
            onlyKeys(item, Set.of("resource_provider", "resources"), Set.of("resource_provider", "resources"));
            JsonNode provider = item.get("resource_provider");
            requireObject(provider, "'resource_provider'");
            onlyKeys(provider, Set.of("uuid"), Set.of("uuid"));
            if (!provider.get("uuid").isString()) {
                throw invalid("'resource_provider.uuid' is not of type 'string'");
            }
            resources.put(uuid(provider.get("uuid").stringValue(), "resource provider uuid"),
                    amounts(item.get("resources")));
        }
        return resources;
    }

    /** From 1.12: {@code {RP: {"resources": {...}, "generation": n}}}. */
    private static Map<UUID, Map<String, Integer>> dictAllocations(JsonNode allocations, boolean mayBeEmpty) {
        requireObject(allocations, "'allocations'");
        if (allocations.isEmpty() && !mayBeEmpty) {
            throw invalid("'allocations' does not have enough properties");
        }
        Map<UUID, Map<String, Integer>> resources = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : allocations.properties()) {
            UUID provider = uuid(entry.getKey(), "resource provider uuid");
            JsonNode allocation = entry.getValue();
            requireObject(allocation, "the allocation for " + entry.getKey());
            onlyKeys(allocation, Set.of("resources", "generation"), Set.of("resources"));
            if (allocation.has("generation") && !allocation.get("generation").isIntegralNumber()) {
                throw invalid("'generation' is not of type 'integer'");
            }
            resources.put(provider, amounts(allocation.get("resources")));
        }
        return resources;
    }

    private static Map<String, Integer> amounts(JsonNode resources) {
        requireObject(resources, "'resources'");
        if (resources.isEmpty()) {
            throw invalid("'resources' does not have enough properties");
        }
        Map<String, Integer> amounts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : resources.properties()) {
            if (!RESOURCE_CLASS.matcher(entry.getKey()).matches()) {
                throw invalid("'" + entry.getKey() + "' does not match any of the regexes: '" + RESOURCE_CLASS + "'");
            }
            JsonNode amount = entry.getValue();
            if (!amount.isIntegralNumber() || !amount.canConvertToInt()) {
                throw invalid(amount + " is not of type 'integer'");
            }
            if (amount.intValue() < 1) {
                throw invalid(amount.intValue() + " is less than the minimum of 1");
            }
            amounts.put(entry.getKey(), amount.intValue());
        }
        return amounts;
    }

    private static String identifier(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (!value.isString()) {
            throw invalid("'" + name + "' is not of type 'string'");
        }
        String text = value.stringValue();
        if (text.isEmpty() || text.length() > MAX_ID_LENGTH) {
            throw invalid("'" + name + "' must be 1 to " + MAX_ID_LENGTH + " characters long");
        }
        return text;
    }

    private static Integer consumerGeneration(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid("'consumer_generation' is not of type 'integer', 'null'");
        }
        return value.intValue();
    }

    private static String consumerType(JsonNode value) {
        if (!value.isString()) {
            throw invalid("'consumer_type' is not of type 'string'");
        }
        String text = value.stringValue();
        if (text.isEmpty() || text.length() > MAX_ID_LENGTH || !CONSUMER_TYPE.matcher(text).matches()) {
            throw invalid("'consumer_type' must match '" + CONSUMER_TYPE + "' and be 1 to " + MAX_ID_LENGTH
                    + " characters long");
        }
        return text;
    }

    private static void onlyKeys(JsonNode object, Set<String> allowed, Set<String> required) {
        for (String name : object.propertyNames()) {
            if (!allowed.contains(name)) {
                throw invalid("Additional properties are not allowed ('" + name + "' was unexpected)");
            }
        }
        for (String name : required) {
            if (!object.has(name)) {
                throw invalid("'" + name + "' is a required property");
            }
        }
    }

    private static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw invalid(what + " is not of type 'object'");
        }
    }

    private static UUID uuid(String text, String what) {
        if (!UUID_TEXT.matcher(text).matches()) {
            throw invalid("'" + text + "' is not a valid " + what);
        }
        String hex = text.replace("-", "");
        return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
    }

    /** Placement words schema failures as "JSON does not validate: …"; clients show the detail. */
    private static PlacementException invalid(String problem) {
        return PlacementException.badRequest("JSON does not validate: " + problem);
    }
}
