package io.gpucloud.scheduler.allocation;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.api.PlacementException;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.CacheControl;
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
 * Allocations: {@code /allocations/{consumer_uuid}} (GET, PUT, DELETE), {@code POST /allocations} (1.13)
 * and {@code GET /resource_providers/{uuid}/allocations}. Admin only (PlacementWebConfiguration).
 */
@RestController
public class AllocationController {

    private final AllocationService service;

    public AllocationController(AllocationService service) {
        this.service = requireNonNull(service, "service is null");
    }

    @GetMapping("/allocations/{consumer}")
    public ResponseEntity<Map<String, Object>> listForConsumer(ApiVersion version, @PathVariable String consumer) {
        // Placement cannot tell a malformed consumer id from one that holds nothing: both list nothing.
        ConsumerAllocations allocations = parse(consumer).map(service::findForConsumer)
                .orElseGet(() -> new ConsumerAllocations(Optional.empty(), Map.of()));
        return read(version, AllocationViews.forConsumer(allocations, version));
    }

    @PutMapping("/allocations/{consumer}")
    public ResponseEntity<Void> replace(ApiVersion version, @PathVariable String consumer,
            @RequestBody JsonNode body) {
        UUID consumerUuid = parse(consumer).orElseThrow(
                () -> PlacementException.badRequest("Malformed consumer_uuid: " + consumer));
        service.replace(AllocationBodyReader.forConsumer(consumerUuid, body, version));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/allocations")
    public ResponseEntity<Void> replaceMany(ApiVersion version, @RequestBody JsonNode body) {
        if (!version.atLeast(1, 13)) {
            throw PlacementException.notFound("The resource could not be found.");
        }
        service.replaceAll(AllocationBodyReader.forManyConsumers(body, version));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/allocations/{consumer}")
    public ResponseEntity<Void> delete(@PathVariable String consumer) {
        UUID consumerUuid = parse(consumer).orElseThrow(
                () -> PlacementException.notFound("No allocations for consumer '" + consumer + "'"));
        service.delete(consumerUuid);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/resource_providers/{provider}/allocations")
    public ResponseEntity<Map<String, Object>> listForProvider(ApiVersion version, @PathVariable String provider) {
        UUID providerUuid = parse(provider).orElseThrow(() -> PlacementException.notFound(
                "Resource provider '" + provider + "' not found: No resource provider with uuid " + provider + " found"));
        return read(version, AllocationViews.forProvider(service.findForProvider(providerUuid), version));
    }

    /** From 1.15 reads say they are not to be cached and when they were true. */
    private static ResponseEntity<Map<String, Object>> read(ApiVersion version, Map<String, Object> body) {
        if (!version.atLeast(1, 15)) {
            return ResponseEntity.ok(body);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).lastModified(ZonedDateTime.now()).body(body);
    }

    private static Optional<UUID> parse(String text) {
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
