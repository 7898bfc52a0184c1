package io.gpucloud.scheduler.provider;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.api.QueryParameters;
import io.gpucloud.scheduler.provider.ProviderService.ProviderChange;
import io.gpucloud.scheduler.resourceclass.ResourceClassRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /resource_providers} and {@code /resource_providers/{uuid}}. POST answers 201 with no body before
 * 1.20 and 200 with the provider from 1.20, with a Location either way; {@code parent_provider_uuid} may be
 * sent from 1.14.
 */
@RestController
class ProviderController {

    private static final int MAX_NAME = 200;

    private final ProviderService service;
    private final ResourceClassRegistry resourceClasses;

    ProviderController(ProviderService service, ResourceClassRegistry resourceClasses) {
        this.service = requireNonNull(service, "service is null");
        this.resourceClasses = requireNonNull(resourceClasses, "resourceClasses is null");
    }

    @GetMapping("/resource_providers")
    ResponseEntity<Map<String, Object>> list(ApiVersion version, HttpServletRequest request) {
        ProviderFilter filter = ProviderListQuery.parse(QueryParameters.of(request), version, resourceClasses);
        List<ResourceProvider> providers = service.list(filter);
        Instant lastModified = providers.stream().map(ResourceProvider::updatedAt).max(Comparator.naturalOrder())
                .orElseGet(Instant::now);
        return ResponseEntity.ok().headers(CacheHeaders.of(version, lastModified))
                .body(ProviderView.providers(providers, version, request.getContextPath()));
    }

    @PostMapping("/resource_providers")
    ResponseEntity<Map<String, Object>> create(ApiVersion version, HttpServletRequest request,
            @RequestBody JsonNode body) {
        ResourceProvider provider = service.create(readChange(body, version, true));
        URI location = URI.create(ProviderView.url(request.getContextPath(), provider.uuid()));
        if (!version.atLeast(1, 20)) {
            return ResponseEntity.status(HttpStatus.CREATED).location(location).build();
        }
        return ResponseEntity.ok().location(location).headers(CacheHeaders.of(version, provider.updatedAt()))
                .body(ProviderView.provider(provider, version, request.getContextPath()));
    }

    @GetMapping("/resource_providers/{uuid}")
    ResponseEntity<Map<String, Object>> show(ApiVersion version, HttpServletRequest request,
            @PathVariable String uuid) {
        ResourceProvider provider = service.find(ProviderLookup.parseUuid(uuid, "resource provider uuid"));
        return ResponseEntity.ok().headers(CacheHeaders.of(version, provider.updatedAt()))
                .body(ProviderView.provider(provider, version, request.getContextPath()));
    }

    @PutMapping("/resource_providers/{uuid}")
    ResponseEntity<Map<String, Object>> update(ApiVersion version, HttpServletRequest request,
            @PathVariable String uuid, @RequestBody JsonNode body) {
        UUID providerUuid = ProviderLookup.parseUuid(uuid, "resource provider uuid");
        ResourceProvider provider = service.update(providerUuid, readChange(body, version, false),
                version.atLeast(1, 37));
        return ResponseEntity.ok().headers(CacheHeaders.of(version, provider.updatedAt()))
                .body(ProviderView.provider(provider, version, request.getContextPath()));
    }

    @DeleteMapping("/resource_providers/{uuid}")
    ResponseEntity<Void> delete(@PathVariable String uuid) {
        service.delete(ProviderLookup.parseUuid(uuid, "resource provider uuid"));
        return ResponseEntity.noContent().build();
    }

    /**
     * POST: {@code {"name", "uuid"?, "parent_provider_uuid"? (1.14)}}; PUT: {@code {"name",
     * "parent_provider_uuid"? (1.14)}}. Anything else is a 400.
     */
    private static ProviderChange readChange(JsonNode body, ApiVersion version, boolean creating) {
        boolean nested = version.atLeast(1, 14);
        Set<String> allowed = creating
                ? (nested ? Set.of("name", "uuid", "parent_provider_uuid") : Set.of("name", "uuid"))
                : (nested ? Set.of("name", "parent_provider_uuid") : Set.of("name"));
        StrictJson json = StrictJson.object(body, allowed);
        String name = json.requiredString("name", 1, MAX_NAME);
        Optional<UUID> uuid = json.optionalString("uuid", 1, 36).map(text -> StrictJson.uuid(text, "uuid"));
        Optional<UUID> parent = json.optionalString("parent_provider_uuid", 1, 36)
                .map(text -> StrictJson.uuid(text, "parent_provider_uuid"));
        return new ProviderChange(name, uuid, json.has("parent_provider_uuid"), parent);
    }
}
