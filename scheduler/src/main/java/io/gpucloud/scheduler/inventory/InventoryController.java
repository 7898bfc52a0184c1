package io.gpucloud.scheduler.inventory;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.api.PlacementErrorCode;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.inventory.InventoryService.ProviderInventories;
import io.gpucloud.scheduler.inventory.InventoryService.ProviderInventory;
import io.gpucloud.scheduler.provider.CacheHeaders;
import io.gpucloud.scheduler.provider.ProviderLookup;
import io.gpucloud.scheduler.provider.ProviderView;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
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
 * {@code /resource_providers/{uuid}/inventories[/{resource_class}]}. PUT of the collection replaces every
 * class; POST adds one (201 with a Location); DELETE of the collection exists from 1.5 (405 before).
 */
@RestController
class InventoryController {

    private final InventoryService service;

    InventoryController(InventoryService service) {
        this.service = requireNonNull(service, "service is null");
    }

    @GetMapping("/resource_providers/{uuid}/inventories")
    ResponseEntity<Map<String, Object>> list(ApiVersion version, @PathVariable String uuid) {
        ProviderInventories found = service.list(providerUuid(uuid));
        return ResponseEntity.ok().headers(CacheHeaders.now(version))
                .body(InventoryView.all(found.generation(), found.inventories()));
    }

    @PutMapping("/resource_providers/{uuid}/inventories")
    ResponseEntity<Map<String, Object>> replace(ApiVersion version, @PathVariable String uuid,
            @RequestBody JsonNode body) {
        UUID provider = providerUuid(uuid);
        InventoryReader.Replacement replacement = InventoryReader.replacement(body, version, provider);
        ProviderInventories saved = service.replace(provider, replacement.generation(), replacement.inventories());
        return ResponseEntity.ok().headers(CacheHeaders.now(version))
                .body(InventoryView.all(saved.generation(), saved.inventories()));
    }

    @PostMapping("/resource_providers/{uuid}/inventories")
    ResponseEntity<Map<String, Object>> add(ApiVersion version, HttpServletRequest request, @PathVariable String uuid,
            @RequestBody JsonNode body) {
        UUID provider = providerUuid(uuid);
        InventoryReader.Addition addition = InventoryReader.addition(body, version, provider);
        ProviderInventory saved = service.add(provider, addition.generation(), addition.inventory());
        URI location = URI.create(ProviderView.url(request.getContextPath(), provider) + "/inventories/"
                + saved.inventory().resourceClass());
        return ResponseEntity.status(HttpStatus.CREATED).location(location).headers(CacheHeaders.now(version))
                .body(InventoryView.single(saved.generation(), saved.inventory()));
    }

    @DeleteMapping("/resource_providers/{uuid}/inventories")
    ResponseEntity<Void> deleteAll(ApiVersion version, @PathVariable String uuid) {
        if (!version.atLeast(1, 5)) {
            throw new PlacementException(405, PlacementErrorCode.UNDEFINED,
                    "DELETE of all inventories needs microversion 1.5 or later.");
        }
        service.deleteAll(providerUuid(uuid));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/resource_providers/{uuid}/inventories/{resourceClass}")
    ResponseEntity<Map<String, Object>> show(ApiVersion version, @PathVariable String uuid,
            @PathVariable String resourceClass) {
        ProviderInventory found = service.find(providerUuid(uuid), resourceClass);
        return ResponseEntity.ok().headers(CacheHeaders.now(version))
                .body(InventoryView.single(found.generation(), found.inventory()));
    }

    @PutMapping("/resource_providers/{uuid}/inventories/{resourceClass}")
    ResponseEntity<Map<String, Object>> update(ApiVersion version, @PathVariable String uuid,
            @PathVariable String resourceClass, @RequestBody JsonNode body) {
        UUID provider = providerUuid(uuid);
        InventoryReader.Single single = InventoryReader.single(body, resourceClass, version, provider);
        ProviderInventory saved = service.update(provider, single.generation(), single.inventory());
        return ResponseEntity.ok().headers(CacheHeaders.now(version))
                .body(InventoryView.single(saved.generation(), saved.inventory()));
    }

    @DeleteMapping("/resource_providers/{uuid}/inventories/{resourceClass}")
    ResponseEntity<Void> delete(@PathVariable String uuid, @PathVariable String resourceClass) {
        service.delete(providerUuid(uuid), resourceClass);
        return ResponseEntity.noContent().build();
    }

    private static UUID providerUuid(String text) {
        return ProviderLookup.parseUuid(text, "resource provider uuid");
    }
}
