package io.gpucloud.compute.keypair;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.common.api.JsonBody;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import io.gpucloud.common.web.Link;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v2.1/os-keypairs}: a user's own key pairs. Microversions honoured: 2.2 adds {@code type} (ssh or x509),
 * answers create with 201 and delete with 204; 2.10 lets an admin act for another user ({@code user_id});
 * 2.35 pages listings ({@code limit}, {@code marker}, {@code keypairs_links}).
 */
@RestController
class KeypairController {

    private static final int MAX_LIMIT = 1000;
    // Nova shows naive UTC timestamps with microseconds here, e.g. 2014-05-07T12:06:13.681238.
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final KeypairService service;

    KeypairController(KeypairService service) {
        this.service = requireNonNull(service, "service is null");
    }

    @PostMapping("/v2.1/os-keypairs")
    ResponseEntity<Map<String, Object>> create(AuthContext caller, ApiVersion version, @RequestBody JsonNode body) {
        JsonBody keypair = JsonBody.root(body, "keypair");
        Set<String> allowed = version.atLeast(2, 10) ? Set.of("name", "public_key", "type", "user_id")
                : version.atLeast(2, 2) ? Set.of("name", "public_key", "type") : Set.of("name", "public_key");
        for (String key : keypair.node().propertyNames()) {
            if (!allowed.contains(key)) {
                throw ApiException.badRequest("Invalid input for field/attribute keypair. Additional properties are "
                        + "not allowed ('" + key + "' was unexpected).");
            }
        }
        String type = keypair.optionalString("type").orElse(Keypair.SSH);
        if (!type.equals(Keypair.SSH) && !type.equals(Keypair.X509)) {
            throw ApiException.badRequest("Invalid key pair type '" + type + "': use ssh or x509.");
        }
        String userId = targetUser(caller, version, keypair.optionalString("user_id").orElse(null));
        KeypairService.Created created = service.create(userId, keypair.requiredString("name"), type,
                keypair.optionalString("public_key", 65535).orElse(null));

        Map<String, Object> view = new LinkedHashMap<>();
        view.put("public_key", created.keypair().publicKey());
        view.put("name", created.keypair().name());
        view.put("fingerprint", created.keypair().fingerprint());
        view.put("user_id", created.keypair().userId());
        if (created.privateKey() != null) {
            view.put("private_key", created.privateKey());
        }
        if (version.atLeast(2, 2)) {
            view.put("type", created.keypair().type());
        }
        return ResponseEntity.status(version.atLeast(2, 2) ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Map.of("keypair", view));
    }

    @GetMapping("/v2.1/os-keypairs")
    Map<String, Object> list(AuthContext caller, ApiVersion version,
            @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String marker,
            HttpServletRequest request) {
        String owner = targetUser(caller, version, userId);
        boolean paged = version.atLeast(2, 35);
        int pageSize = paged ? limit(limit) : MAX_LIMIT;
        List<Keypair> page = service.list(owner, paged ? marker : null, pageSize);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("keypairs", page.stream().map(k -> Map.of("keypair", summary(k, version))).toList());
        if (paged && !page.isEmpty() && page.size() == pageSize) {
            String next = ServletUriComponentsBuilder.fromRequest(request)
                    .replaceQueryParam("marker", page.get(page.size() - 1).name()).build().toUriString();
            body.put("keypairs_links", List.of(new Link("next", next)));
        }
        return body;
    }

    @GetMapping("/v2.1/os-keypairs/{name}")
    Map<String, Object> show(AuthContext caller, ApiVersion version, @PathVariable String name,
            @RequestParam(name = "user_id", required = false) String userId) {
        Keypair keypair = service.find(targetUser(caller, version, userId), name);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("public_key", keypair.publicKey());
        view.put("name", keypair.name());
        view.put("fingerprint", keypair.fingerprint());
        view.put("user_id", keypair.userId());
        view.put("deleted", false);
        view.put("created_at", TIMESTAMP.format(keypair.createdAt()));
        view.put("updated_at", null);
        view.put("deleted_at", null);
        view.put("id", keypair.id());
        if (version.atLeast(2, 2)) {
            view.put("type", keypair.type());
        }
        return Map.of("keypair", view);
    }

    @DeleteMapping("/v2.1/os-keypairs/{name}")
    ResponseEntity<Void> delete(AuthContext caller, ApiVersion version, @PathVariable String name,
            @RequestParam(name = "user_id", required = false) String userId) {
        service.delete(targetUser(caller, version, userId), name);
        return version.atLeast(2, 2) ? ResponseEntity.noContent().build() : ResponseEntity.accepted().build();
    }

    /** {@code {"public_key", "name", "fingerprint", "type" (2.2+)}}. */
    private static Map<String, Object> summary(Keypair keypair, ApiVersion version) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("public_key", keypair.publicKey());
        view.put("name", keypair.name());
        view.put("fingerprint", keypair.fingerprint());
        if (version.atLeast(2, 2)) {
            view.put("type", keypair.type());
        }
        return view;
    }

    /** The caller, or (2.10+) the user an admin names; before 2.10 {@code user_id} is ignored, as in Nova. */
    private static String targetUser(AuthContext caller, ApiVersion version, String requested) {
        if (requested == null || !version.atLeast(2, 10) || requested.equals(caller.userId())) {
            return caller.userId();
        }
        Policy.requireAdmin(caller);
        return requested;
    }

    private static int limit(String value) {
        if (value == null) {
            return MAX_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit < 0) {
                throw new NumberFormatException();
            }
            return Math.min(limit, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a non-negative integer, was '" + value + "'.");
        }
    }
}
