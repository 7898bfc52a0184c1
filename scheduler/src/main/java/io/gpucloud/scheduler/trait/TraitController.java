package io.gpucloud.scheduler.trait;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.api.QueryParameters;
import io.gpucloud.scheduler.provider.CacheHeaders;
import io.gpucloud.scheduler.provider.ProviderLookup;
import io.gpucloud.scheduler.provider.StrictJson;
import io.gpucloud.scheduler.trait.TraitRepository.TraitQuery;
import io.gpucloud.scheduler.trait.TraitService.ProviderTraits;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /traits[/{name}]} and {@code /resource_providers/{uuid}/traits}, all from 1.6 (404 before).
 * {@code GET /traits/{name}} answers 204 when the trait exists; PUT answers 201 when it creates one and 204
 * when it was there.
 */
@RestController
class TraitController {

    private final TraitService service;

    TraitController(TraitService service) {
        this.service = requireNonNull(service, "service is null");
    }

    /** {@code ?name=startswith:CUSTOM_ | ?name=in:A,B} and {@code ?associated=true|false}. */
    @GetMapping("/traits")
    ResponseEntity<Map<String, Object>> list(ApiVersion version, HttpServletRequest request) {
        requireVersion(version);
        QueryParameters query = QueryParameters.of(request).allowOnly(Set.of("name", "associated"));
        Optional<String> prefix = Optional.empty();
        Optional<Set<String>> names = Optional.empty();
        Optional<String> name = query.single("name");
        if (name.isPresent()) {
            String value = name.get();
            if (value.startsWith("startswith:")) {
                prefix = Optional.of(value.substring("startswith:".length()));
            } else if (value.startsWith("in:")) {
                names = Optional.of(new LinkedHashSet<>(List.of(value.substring("in:".length()).split(","))));
            } else {
                throw PlacementException.badQuery("Badly formatted name parameter. Expected name query string "
                        + "parameter in form: ?name=[in|startswith]:[name1,name2|prefix]. Got: \"" + value + "\"");
            }
        }
        Optional<Boolean> associated = query.single("associated").map(value -> switch (value.toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw PlacementException.badQuery(
                    "The query parameter \"associated\" only accepts \"true\" or \"false\"");
        });
        List<String> traits = service.list(new TraitQuery(prefix, names, associated));
        return ResponseEntity.ok().headers(CacheHeaders.now(version)).body(Map.of("traits", traits));
    }

    @GetMapping("/traits/{name}")
    ResponseEntity<Void> show(ApiVersion version, @PathVariable String name) {
        requireVersion(version);
        if (!service.exists(name)) {
            throw PlacementException.notFound("No such trait(s): " + name + ".");
        }
        return ResponseEntity.noContent().headers(CacheHeaders.now(version)).build();
    }

    @PutMapping("/traits/{name}")
    ResponseEntity<Void> put(ApiVersion version, HttpServletRequest request, @PathVariable String name) {
        requireVersion(version);
        boolean created = service.ensure(name);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.NO_CONTENT)
                .location(URI.create(request.getContextPath() + "/traits/" + name))
                .headers(CacheHeaders.now(version)).build();
    }

    @DeleteMapping("/traits/{name}")
    ResponseEntity<Void> delete(ApiVersion version, @PathVariable String name) {
        requireVersion(version);
        service.delete(name);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/resource_providers/{uuid}/traits")
    ResponseEntity<Map<String, Object>> ofProvider(ApiVersion version, @PathVariable String uuid) {
        requireVersion(version);
        ProviderTraits found = service.ofProvider(ProviderLookup.parseUuid(uuid, "resource provider uuid"));
        return ResponseEntity.ok().headers(CacheHeaders.now(version)).body(view(found));
    }

    /** Body: {@code {"traits": ["HW_CPU_X86_AVX2", ...], "resource_provider_generation": 3}}. */
    @PutMapping("/resource_providers/{uuid}/traits")
    ResponseEntity<Map<String, Object>> replaceOfProvider(ApiVersion version, @PathVariable String uuid,
            @RequestBody JsonNode body) {
        requireVersion(version);
        UUID provider = ProviderLookup.parseUuid(uuid, "resource provider uuid");
        StrictJson json = StrictJson.object(body, Set.of("traits", "resource_provider_generation"));
        List<String> traits = json.requiredStringSet("traits");
        int generation = json.requiredGeneration();
        return ResponseEntity.ok().headers(CacheHeaders.now(version))
                .body(view(service.replace(provider, generation, traits)));
    }

    @DeleteMapping("/resource_providers/{uuid}/traits")
    ResponseEntity<Void> clearOfProvider(ApiVersion version, @PathVariable String uuid) {
        requireVersion(version);
        service.clear(ProviderLookup.parseUuid(uuid, "resource provider uuid"));
        return ResponseEntity.noContent().build();
    }

    /** <pre>{"traits": ["CUSTOM_GPU_A100"], "resource_provider_generation": 4}</pre> */
    private static Map<String, Object> view(ProviderTraits traits) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("traits", traits.traits());
        view.put("resource_provider_generation", traits.generation());
        return view;
    }

    private static void requireVersion(ApiVersion version) {
        if (!version.atLeast(1, 6)) {
            throw PlacementException.notFound("Traits need microversion 1.6 or later.");
        }
    }
}
