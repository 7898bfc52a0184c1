package io.gpucloud.scheduler.provider;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /resource_providers/{uuid}/usages}: what is allocated of each class the provider has inventory
 * of, zero included, with the provider generation (every microversion).
 */
@RestController
class ProviderUsageController {

    private final ProviderService providers;
    private final ProviderUsages usages;

    ProviderUsageController(ProviderService providers, ProviderUsages usages) {
        this.providers = requireNonNull(providers, "providers is null");
        this.usages = requireNonNull(usages, "usages is null");
    }

    /** <pre>{"usages": {"VCPU": 4, "PGPU": 0}, "resource_provider_generation": 7}</pre> */
    @GetMapping("/resource_providers/{uuid}/usages")
    ResponseEntity<Map<String, Object>> usages(ApiVersion version, @PathVariable String uuid) {
        ResourceProvider provider = providers.find(ProviderLookup.parseUuid(uuid, "resource provider uuid"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("usages", usages.byClass(provider.id()));
        body.put("resource_provider_generation", provider.generation());
        return ResponseEntity.ok().headers(CacheHeaders.now(version)).body(body);
    }
}
