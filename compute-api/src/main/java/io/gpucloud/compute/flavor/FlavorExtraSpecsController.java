package io.gpucloud.compute.flavor;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.JsonBody;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import java.util.Map;
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
 * {@code /v2.1/flavors/{id}/os-extra_specs}: anyone who can see the flavor reads them (Tempest checks this);
 * only an admin writes, and every write is checked against the scheduler's reading of the whole resulting set.
 */
@RestController
class FlavorExtraSpecsController {

    private final FlavorCatalog catalog;
    private final FlavorService service;

    FlavorExtraSpecsController(FlavorCatalog catalog, FlavorService service) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.service = requireNonNull(service, "service is null");
    }

    @GetMapping("/v2.1/flavors/{id}/os-extra_specs")
    Map<String, Object> list(AuthContext caller, @PathVariable String id) {
        return Map.of("extra_specs", visible(id, caller).extraSpecs());
    }

    /** Merges the posted specs into the flavor's; answers with the posted object. */
    @PostMapping("/v2.1/flavors/{id}/os-extra_specs")
    Map<String, Object> create(AuthContext caller, @PathVariable String id, @RequestBody JsonNode body) {
        Policy.requireAdmin(caller);
        JsonBody.root(body, "extra_specs");
        return Map.of("extra_specs", service.putExtraSpecs(id, ExtraSpecRules.parse(body.get("extra_specs"),
                "extra_specs")));
    }

    @GetMapping("/v2.1/flavors/{id}/os-extra_specs/{key}")
    Map<String, String> show(AuthContext caller, @PathVariable String id, @PathVariable String key) {
        String value = visible(id, caller).extraSpecs().get(key);
        if (value == null) {
            throw ApiException.notFound("Flavor " + id + " does not have extra spec with key " + key + ".");
        }
        return Map.of(key, value);
    }

    /** {@code {"<key>": "<value>"}}, where the one key must be the one in the URL. */
    @PutMapping("/v2.1/flavors/{id}/os-extra_specs/{key}")
    Map<String, String> put(AuthContext caller, @PathVariable String id, @PathVariable String key,
            @RequestBody JsonNode body) {
        Policy.requireAdmin(caller);
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object {\"" + key + "\": \"<value>\"}.");
        }
        if (body.size() > 1) {
            throw ApiException.badRequest("Request body contains too many items.");
        }
        if (!body.has(key)) {
            throw ApiException.badRequest("Request body and URI mismatch.");
        }
        Map<String, String> spec = ExtraSpecRules.parse(body, "extra spec");
        service.putExtraSpecs(id, spec);
        return spec;
    }

    /** 200 with an empty body, as Nova answers. */
    @DeleteMapping("/v2.1/flavors/{id}/os-extra_specs/{key}")
    ResponseEntity<Void> delete(AuthContext caller, @PathVariable String id, @PathVariable String key) {
        Policy.requireAdmin(caller);
        service.deleteExtraSpec(id, key);
        return ResponseEntity.ok().build();
    }

    private Flavor visible(String id, AuthContext caller) {
        return catalog.findForProject(id, caller).orElseThrow(() -> FlavorService.notFound(id));
    }
}
