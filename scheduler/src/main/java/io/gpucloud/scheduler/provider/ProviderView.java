package io.gpucloud.scheduler.provider;

import io.gpucloud.common.api.ApiVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Resource providers as JSON. Pure functions of the provider, the microversion and the service's path prefix. */
public final class ProviderView {

    private ProviderView() {
    }

    /** {@code /resource_providers/{uuid}} under the service's path prefix: the self link and the Location. */
    public static String url(String prefix, UUID uuid) {
        return prefix + "/resource_providers/" + uuid;
    }

    /**
     * <pre>
     * {"uuid", "name", "generation",
     *  "links": [{"rel": "self"}, {"rel": "inventories"}, {"rel": "usages"},
     *            {"rel": "aggregates"} (1.1), {"rel": "traits"} (1.6), {"rel": "allocations"} (1.11)],
     *  "parent_provider_uuid", "root_provider_uuid"}                                       (both from 1.14)
     * </pre>
     */
    public static Map<String, Object> provider(ResourceProvider provider, ApiVersion version, String prefix) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("uuid", provider.uuid().toString());
        view.put("name", provider.name());
        view.put("generation", provider.generation());
        view.put("links", links(provider.uuid(), version, prefix));
        if (version.atLeast(1, 14)) {
            view.put("parent_provider_uuid", provider.parentUuid() == null ? null : provider.parentUuid().toString());
            view.put("root_provider_uuid", provider.rootUuid().toString());
        }
        return view;
    }

    /** <pre>{"resource_providers": [provider, ...]}</pre> */
    public static Map<String, Object> providers(List<ResourceProvider> providers, ApiVersion version, String prefix) {
        return Map.of("resource_providers", providers.stream().map(p -> provider(p, version, prefix)).toList());
    }

    private static List<Map<String, String>> links(UUID uuid, ApiVersion version, String prefix) {
        String self = url(prefix, uuid);
        List<String> relations = new ArrayList<>(List.of("inventories", "usages"));
        if (version.atLeast(1, 1)) {
            relations.add("aggregates");
        }
        if (version.atLeast(1, 6)) {
            relations.add("traits");
        }
        if (version.atLeast(1, 11)) {
            relations.add("allocations");
        }
        List<Map<String, String>> links = new ArrayList<>();
        links.add(link("self", self));
        relations.forEach(rel -> links.add(link(rel, self + "/" + rel)));
        return links;
    }

    private static Map<String, String> link(String rel, String href) {
        Map<String, String> link = new LinkedHashMap<>();
        link.put("rel", rel);
        link.put("href", href);
        return link;
    }
}
