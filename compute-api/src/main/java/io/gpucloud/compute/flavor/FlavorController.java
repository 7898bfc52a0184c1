package io.gpucloud.compute.flavor;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.common.api.JsonBody;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import io.gpucloud.common.web.Link;
import io.gpucloud.common.web.RequestUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v2.1/flavors}: everyone lists and shows the flavors they may use; an admin creates, describes (2.55+)
 * and deletes them and grants projects access to private ones ({@code os-flavor-access}).
 */
@RestController
class FlavorController {

    private final FlavorCatalog catalog;
    private final FlavorService service;

    FlavorController(FlavorCatalog catalog, FlavorService service) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.service = requireNonNull(service, "service is null");
    }

    @GetMapping("/v2.1/flavors")
    Map<String, Object> list(AuthContext caller, ApiVersion version, @RequestParam Map<String, String> query,
            HttpServletRequest request) {
        String baseUrl = RequestUrls.baseUrl(request);
        return page(caller, version, query, request, flavor -> FlavorViews.summary(flavor, version, baseUrl));
    }

    @GetMapping("/v2.1/flavors/detail")
    Map<String, Object> listDetail(AuthContext caller, ApiVersion version, @RequestParam Map<String, String> query,
            HttpServletRequest request) {
        String baseUrl = RequestUrls.baseUrl(request);
        return page(caller, version, query, request, flavor -> FlavorViews.detail(flavor, version, baseUrl));
    }

    @GetMapping("/v2.1/flavors/{id}")
    Map<String, Object> show(AuthContext caller, ApiVersion version, @PathVariable String id,
            HttpServletRequest request) {
        Flavor flavor = catalog.findForProject(id, caller).orElseThrow(() -> FlavorService.notFound(id));
        return Map.of("flavor", FlavorViews.detail(flavor, version, RequestUrls.baseUrl(request)));
    }

    /** 200 (not 201) with the flavor, as Nova answers. */
    @PostMapping("/v2.1/flavors")
    Map<String, Object> create(AuthContext caller, ApiVersion version, @RequestBody JsonNode body,
            HttpServletRequest request) {
        Policy.requireAdmin(caller);
        Flavor flavor = service.create(NewFlavor.parse(body, version.atLeast(2, 55)));
        return Map.of("flavor", FlavorViews.detail(flavor, version, RequestUrls.baseUrl(request)));
    }

    /** Only the description can change (2.55+); everything else about a flavor is fixed once created. */
    @PutMapping("/v2.1/flavors/{id}")
    Map<String, Object> update(AuthContext caller, ApiVersion version, @PathVariable String id,
            @RequestBody JsonNode body, HttpServletRequest request) {
        if (!version.atLeast(2, 55)) {
            // Nova has no such route before 2.55.
            throw ApiException.notFound("Updating a flavor needs microversion 2.55 or later.");
        }
        Policy.requireAdmin(caller);
        JsonBody flavor = JsonBody.root(body, "flavor");
        if (!flavor.has("description") || flavor.node().size() != 1) {
            throw ApiException.badRequest("Only 'flavor.description' can be updated, and it is required.");
        }
        Flavor updated = service.updateDescription(id, NewFlavor.description(flavor));
        return Map.of("flavor", FlavorViews.detail(updated, version, RequestUrls.baseUrl(request)));
    }

    @DeleteMapping("/v2.1/flavors/{id}")
    ResponseEntity<Void> delete(AuthContext caller, @PathVariable String id) {
        Policy.requireAdmin(caller);
        service.delete(id);
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/v2.1/flavors/{id}/os-flavor-access")
    Map<String, Object> access(AuthContext caller, @PathVariable String id) {
        Policy.requireAdmin(caller);
        return FlavorViews.access(id, service.projectsWithAccess(id));
    }

    /** {@code {"addTenantAccess": {"tenant": "<project>"}}} or {@code {"removeTenantAccess": {...}}}. */
    @PostMapping("/v2.1/flavors/{id}/action")
    Map<String, Object> action(AuthContext caller, @PathVariable String id, @RequestBody JsonNode body) {
        Policy.requireAdmin(caller);
        if (body != null && body.has("addTenantAccess")) {
            String project = JsonBody.root(body, "addTenantAccess").requiredString("tenant");
            return FlavorViews.access(id, service.addAccess(id, project));
        }
        if (body != null && body.has("removeTenantAccess")) {
            String project = JsonBody.root(body, "removeTenantAccess").requiredString("tenant");
            return FlavorViews.access(id, service.removeAccess(id, project));
        }
        throw ApiException.badRequest("Unknown flavor action: use addTenantAccess or removeTenantAccess.");
    }

    private Map<String, Object> page(AuthContext caller, ApiVersion version, Map<String, String> query,
            HttpServletRequest request, Function<Flavor, Map<String, Object>> view) {
        FlavorListRequest listing = FlavorListRequest.parse(query, caller, version);
        List<Flavor> all = catalog.list(listing.filter(), listing.sort());
        int start = 0;
        if (listing.marker() != null) {
            int markerIndex = indexOf(all, listing.marker());
            if (markerIndex < 0) {
                throw ApiException.badRequest("marker [" + listing.marker() + "] not found");
            }
            start = markerIndex + 1;
        }
        List<Flavor> page = all.subList(Math.min(start, all.size()), Math.min(all.size(), start + listing.limit()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flavors", page.stream().map(view).toList());
        // As Nova: a full page gets a "next" link, even when it happens to be the last one.
        if (!page.isEmpty() && page.size() == listing.limit()) {
            String next = ServletUriComponentsBuilder.fromRequest(request)
                    .replaceQueryParam("marker", page.get(page.size() - 1).id()).build().toUriString();
            body.put("flavors_links", List.of(new Link("next", next)));
        }
        return body;
    }

    private static int indexOf(List<Flavor> flavors, String id) {
        for (int i = 0; i < flavors.size(); i++) {
            if (flavors.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
