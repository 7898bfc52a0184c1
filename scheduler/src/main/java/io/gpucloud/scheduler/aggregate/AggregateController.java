package io.gpucloud.scheduler.aggregate;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.aggregate.AggregateService.ProviderAggregates;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.provider.CacheHeaders;
import io.gpucloud.scheduler.provider.ProviderLookup;
import io.gpucloud.scheduler.provider.StrictJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /resource_providers/{uuid}/aggregates}, from 1.1 (404 before). Before 1.19 the PUT body is a bare
 * list of uuids and the answer is {@code {"aggregates": [...]}}; from 1.19 both are
 * {@code {"aggregates": [...], "resource_provider_generation": n}} and a stale generation is a 409.
 */
@RestController
class AggregateController {

    private final AggregateService service;

    AggregateController(AggregateService service) {
        this.service = requireNonNull(service, "service is null");
    }

    @GetMapping("/resource_providers/{uuid}/aggregates")
    ResponseEntity<Map<String, Object>> show(ApiVersion version, @PathVariable String uuid) {
        requireVersion(version);
        ProviderAggregates found = service.ofProvider(ProviderLookup.parseUuid(uuid, "resource provider uuid"));
        return ResponseEntity.ok().headers(CacheHeaders.now(version)).body(view(found, version));
    }

    @PutMapping("/resource_providers/{uuid}/aggregates")
    ResponseEntity<Map<String, Object>> replace(ApiVersion version, @PathVariable String uuid,
            @RequestBody JsonNode body) {
        requireVersion(version);
        UUID provider = ProviderLookup.parseUuid(uuid, "resource provider uuid");
        OptionalInt generation = OptionalInt.empty();
        List<UUID> aggregates;
        if (version.atLeast(1, 19)) {
            StrictJson json = StrictJson.object(body, Set.of("aggregates", "resource_provider_generation"));
            aggregates = StrictJson.uuidSet(json.array("aggregates"), "aggregate uuid");
            generation = OptionalInt.of(json.requiredGeneration());
        } else {
            aggregates = StrictJson.uuidSet(StrictJson.array(body), "aggregate uuid");
        }
        return ResponseEntity.ok().headers(CacheHeaders.now(version))
                .body(view(service.replace(provider, generation, aggregates), version));
    }

    /** <pre>{"aggregates": ["uuid", ...], "resource_provider_generation": n (1.19)}</pre> */
    private static Map<String, Object> view(ProviderAggregates aggregates, ApiVersion version) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("aggregates", aggregates.aggregates().stream().map(UUID::toString).toList());
        if (version.atLeast(1, 19)) {
            view.put("resource_provider_generation", aggregates.generation());
        }
        return view;
    }

    private static void requireVersion(ApiVersion version) {
        if (!version.atLeast(1, 1)) {
            throw PlacementException.notFound("Provider aggregates need microversion 1.1 or later.");
        }
    }
}
