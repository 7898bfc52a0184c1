package io.gpucloud.common.placement;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.gpucloud.common.auth.TokenSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Placement calls for services (the agent keeping its provider tree, compute-api reading hosts), over HTTP at
 * microversion 1.39, with the service's token (renewed once on 401). No retries here: the caller decides what a
 * conflict means.
 */
public class PlacementClient {

    private static final int TRAIT_UPDATE_ATTEMPTS = 5;

    static final String MICROVERSION = "placement 1.39";

    private final URI base;
    private final TokenSource tokens;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** @param base Placement's root, e.g. {@code http://127.0.0.1:8778} */
    public PlacementClient(URI base, TokenSource tokens, JsonMapper json) {
        String text = requireNonNull(base, "base is null").toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.json = requireNonNull(json, "json is null");
    }

    public Optional<Provider> findByName(String name) {
        JsonNode body = send("GET", "/resource_providers?name=" + URLEncoder.encode(name, UTF_8), null, 200);
        List<Provider> found = providers(body);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every provider, roots and children. */
    public List<Provider> all() {
        return providers(send("GET", "/resource_providers", null, 200));
    }

    /** What is allocated against the provider, per resource class. */
    public Map<String, Integer> usages(UUID provider) {
        JsonNode body = send("GET", "/resource_providers/" + provider + "/usages", null, 200);
        Map<String, Integer> usages = new LinkedHashMap<>();
        body.path("usages").properties().forEach(entry -> usages.put(entry.getKey(), entry.getValue().asInt()));
        return usages;
    }

    /** Every provider of the tree rooted at {@code root}, root first. */
    public List<Provider> tree(UUID root) {
        return providers(send("GET", "/resource_providers?in_tree=" + root, null, 200));
    }

    public Provider create(String name, UUID uuid, UUID parent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("uuid", uuid.toString());
        if (parent != null) {
            body.put("parent_provider_uuid", parent.toString());
        }
        return provider(send("POST", "/resource_providers", body, 200));
    }

    /** Deletes the provider; false when it still has allocations (409), so it must stay. */
    public boolean delete(UUID provider) {
        try {
            send("DELETE", "/resource_providers/" + provider, null, 204);
            return true;
        }
        catch (PlacementException e) {
            if (e.status() == 404) {
                return true;
            }
            if (e.status() == 409) {
                return false;
            }
            throw e;
        }
    }

    /** The consumers (instances) holding allocations against the provider: what the control plane says is there. */
    public Set<UUID> consumersOf(UUID provider) {
        JsonNode body = send("GET", "/resource_providers/" + provider + "/allocations", null, 200);
        Set<UUID> consumers = new HashSet<>();
        body.path("allocations").propertyNames().forEach(name -> consumers.add(UUID.fromString(name)));
        return consumers;
    }

    public InventoriesAndGeneration inventories(UUID provider) {
        return readInventories(send("GET", "/resource_providers/" + provider + "/inventories", null, 200));
    }

    /** Replaces every inventory of the provider; returns the new generation. */
    public int putInventories(UUID provider, int generation, Map<String, Inventory> inventories) {
        Map<String, Object> records = new LinkedHashMap<>();
        inventories.forEach((resourceClass, inventory) -> records.put(resourceClass, Map.of(
                "total", inventory.total(), "reserved", inventory.reserved(), "min_unit", inventory.minUnit(),
                "max_unit", inventory.maxUnit(), "step_size", inventory.stepSize(),
                "allocation_ratio", inventory.allocationRatio())));
        JsonNode body = send("PUT", "/resource_providers/" + provider + "/inventories",
                Map.of("resource_provider_generation", generation, "inventories", records), 200);
        return body.path("resource_provider_generation").asInt();
    }

    public TraitsAndGeneration traits(UUID provider) {
        JsonNode body = send("GET", "/resource_providers/" + provider + "/traits", null, 200);
        Set<String> traits = new HashSet<>();
        body.path("traits").forEach(trait -> traits.add(trait.stringValue()));
        return new TraitsAndGeneration(traits, body.path("resource_provider_generation").asInt());
    }

    /** Replaces the provider's traits; returns the new generation. */
    public int putTraits(UUID provider, int generation, Set<String> traits) {
        JsonNode body = send("PUT", "/resource_providers/" + provider + "/traits",
                Map.of("resource_provider_generation", generation, "traits", traits.stream().sorted().toList()), 200);
        return body.path("resource_provider_generation").asInt();
    }

    /**
     * Read, change, write: applies {@code change} to the provider's traits and writes the result when it differs,
     * reading again when another writer moved the provider's generation meanwhile (at most
     * {@value #TRAIT_UPDATE_ATTEMPTS} times). Returns the traits the provider holds afterwards.
     */
    public Set<String> updateTraits(UUID provider, UnaryOperator<Set<String>> change) {
        for (int attempt = 1; ; attempt++) {
            TraitsAndGeneration current = traits(provider);
            Set<String> wanted = Set.copyOf(change.apply(Set.copyOf(current.traits())));
            if (wanted.equals(current.traits())) {
                return wanted;
            }
            try {
                putTraits(provider, current.generation(), wanted);
                return wanted;
            }
            catch (PlacementException e) {
                if (!e.isConcurrentUpdate() || attempt == TRAIT_UPDATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Creates the custom trait if it does not exist yet (201 or 204). */
    public void ensureTrait(String name) {
        send("PUT", "/traits/" + name, null, 201, 204);
    }

    /** Creates the custom resource class if it does not exist yet (201 or 204). */
    public void ensureResourceClass(String name) {
        send("PUT", "/resource_classes/" + name, null, 201, 204);
    }

    private JsonNode send(String method, String path, Object body, int... expected) {
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(15))
                    .header("OpenStack-API-Version", MICROVERSION)
                    .header("Accept", "application/json")
                    .header("X-Auth-Token", tokens.token());
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            }
            catch (IOException e) {
                throw new PlacementException(0, null, "Placement at " + base + " is unreachable: " + e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlacementException(0, null, "interrupted while calling Placement");
            }
            if (response.statusCode() == 401 && attempt == 1) {
                tokens.invalidate();
                continue;
            }
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return response.body().length == 0 ? json.nullNode() : json.readTree(response.body());
                }
            }
            throw failure(method, path, response);
        }
    }

    /** Placement's error JSON: {"errors": [{"status", "code", "detail", "title"}]}. */
    private PlacementException failure(String method, String path, HttpResponse<byte[]> response) {
        String code = null;
        String detail = new String(response.body(), UTF_8);
        try {
            JsonNode error = json.readTree(response.body()).path("errors").path(0);
            if (!error.isMissingNode()) {
                code = error.path("code").isString() ? error.path("code").stringValue() : null;
                detail = error.path("detail").asString(detail);
            }
        }
        catch (RuntimeException notJson) {
            // keep the raw body as the detail
        }
        return new PlacementException(response.statusCode(), code,
                method + " " + path + " → " + response.statusCode() + ": " + detail);
    }

    private static List<Provider> providers(JsonNode body) {
        List<Provider> providers = new ArrayList<>();
        body.path("resource_providers").forEach(node -> providers.add(provider(node)));
        return providers;
    }

    private static Provider provider(JsonNode node) {
        return new Provider(UUID.fromString(node.path("uuid").stringValue()), node.path("name").stringValue(),
                node.path("generation").asInt(), uuidOrNull(node.path("parent_provider_uuid")),
                uuidOrNull(node.path("root_provider_uuid")));
    }

    private static UUID uuidOrNull(JsonNode node) {
        return node.isString() ? UUID.fromString(node.stringValue()) : null;
    }

    private static InventoriesAndGeneration readInventories(JsonNode body) {
        Map<String, Inventory> inventories = new LinkedHashMap<>();
        body.path("inventories").properties().forEach(entry -> {
            JsonNode record = entry.getValue();
            inventories.put(entry.getKey(), new Inventory(record.path("total").asInt(), record.path("reserved").asInt(),
                    record.path("min_unit").asInt(1), record.path("max_unit").asInt(), record.path("step_size").asInt(1),
                    record.path("allocation_ratio").asDouble(1.0)));
        });
        return new InventoriesAndGeneration(inventories, body.path("resource_provider_generation").asInt());
    }
}
