package io.gpucloud.scheduler.inventory;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.provider.StrictJson;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Inventory request bodies, checked before anything is written:
 * <pre>
 * total            integer, 1 .. 2147483647, required
 * reserved         integer, 0 .. total      (before 1.26 it must be below total: reserved == total is a 400)
 * min_unit         integer ≥ 1
 * max_unit         integer ≥ min_unit
 * step_size        integer ≥ 1
 * allocation_ratio number &gt; 0
 * </pre>
 * Whether each class exists is the service's check (400 for an unknown one).
 */
final class InventoryReader {

    static final Set<String> FIELDS = Set.of("total", "reserved", "min_unit", "max_unit", "step_size",
            "allocation_ratio");
    private static final Pattern CLASS_NAME = Pattern.compile("^[A-Z0-9_]+$");

    private InventoryReader() {
    }

    /** A PUT of all inventories: {@code {"resource_provider_generation", "inventories": {"VCPU": {...}}}}. */
    static Replacement replacement(JsonNode body, ApiVersion version, UUID provider) {
        StrictJson json = StrictJson.object(body, Set.of("resource_provider_generation", "inventories"));
        int generation = json.requiredGeneration();
        StrictJson inventories = json.object("inventories");
        Map<String, Inventory> byClass = new LinkedHashMap<>();
        for (String resourceClass : inventories.keys()) {
            checkClassName(resourceClass);
            byClass.put(resourceClass, inventory(inventories.object(resourceClass).allowOnly(FIELDS), resourceClass,
                    version, provider));
        }
        return new Replacement(generation, byClass);
    }

    record Replacement(int generation, Map<String, Inventory> inventories) {
    }

    /** A PUT of one class: its fields plus the required {@code resource_provider_generation}. */
    static Single single(JsonNode body, String resourceClass, ApiVersion version, UUID provider) {
        StrictJson json = StrictJson.object(body, withGeneration(Set.of()));
        return new Single(json.requiredGeneration(), inventory(json, resourceClass, version, provider));
    }

    /** A POST of one class: {@code resource_class} and its fields; the generation is optional here. */
    static Addition addition(JsonNode body, ApiVersion version, UUID provider) {
        StrictJson json = StrictJson.object(body, withGeneration(Set.of("resource_class")));
        String resourceClass = json.requiredString("resource_class", 1, 255);
        checkClassName(resourceClass);
        Integer generation = json.has("resource_provider_generation") ? json.requiredGeneration() : null;
        return new Addition(generation, inventory(json, resourceClass, version, provider));
    }

    record Single(int generation, Inventory inventory) {
    }

    /** @param generation null when the caller named none */
    record Addition(Integer generation, Inventory inventory) {
    }

    private static Set<String> withGeneration(Set<String> extra) {
        Set<String> allowed = new HashSet<>(FIELDS);
        allowed.add("resource_provider_generation");
        allowed.addAll(extra);
        return allowed;
    }

    private static Inventory inventory(StrictJson json, String resourceClass, ApiVersion version, UUID provider) {
        int total = json.requiredInt("total", 1);
        int reserved = json.optionalInt("reserved", 0).orElse(Inventory.DEFAULT_RESERVED);
        int minUnit = json.optionalInt("min_unit", 1).orElse(Inventory.DEFAULT_MIN_UNIT);
        int maxUnit = json.optionalInt("max_unit", 1).orElse(Inventory.DEFAULT_MAX_UNIT);
        int stepSize = json.optionalInt("step_size", 1).orElse(Inventory.DEFAULT_STEP_SIZE);
        double ratio = json.optionalNumber("allocation_ratio").orElse(Inventory.DEFAULT_ALLOCATION_RATIO);
        if (!(ratio > 0) || ratio > Float.MAX_VALUE) {
            throw PlacementException.badRequest("Bad inventory " + resourceClass + " for resource provider " + provider
                    + ": allocation_ratio must be greater than 0; got " + ratio + ".");
        }
        if (maxUnit < minUnit) {
            throw PlacementException.badRequest("Bad inventory " + resourceClass + " for resource provider " + provider
                    + ": max_unit (" + maxUnit + ") is below min_unit (" + minUnit + ").");
        }
        // NOTE: from 1.26 a provider may reserve all of a class (capacity 0), e.g. to take it out of
        // scheduling while keeping the inventory; before, capacity had to stay positive.
        boolean reservedCanBeTotal = version.atLeast(1, 26);
        if (reserved > total || (reserved == total && !reservedCanBeTotal)) {
            throw PlacementException.badRequest("Unable to update inventory for resource provider " + provider
                    + ": Invalid inventory for '" + resourceClass + "' on resource provider '" + provider + "'. "
                    + (reservedCanBeTotal ? "The reserved value is greater than total."
                            : "The reserved value is greater than or equal to total."));
        }
        return new Inventory(resourceClass, total, reserved, minUnit, maxUnit, stepSize, ratio);
    }

    private static void checkClassName(String resourceClass) {
        if (!CLASS_NAME.matcher(resourceClass).matches()) {
            throw PlacementException.badRequest("JSON does not validate: '" + resourceClass
                    + "' is not a valid resource class name (^[A-Z0-9_]+$).");
        }
    }
}
