package io.gpucloud.identity.token;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.TokenClaims;
import io.gpucloud.identity.catalog.ServiceCatalog;
import io.gpucloud.identity.web.Links;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /v3/auth/*}: tokens, the caller's catalog, and the keys and revocations services verify with. */
@RestController
@RequestMapping("/v3/auth")
public class TokenController {

    private static final String SUBJECT_TOKEN = "X-Subject-Token";

    private final TokenService tokens;
    private final TokenRenderer renderer;
    private final ServiceCatalog catalog;
    private final SigningKeys keys;
    private final IssuedTokenRepository issued;
    private final Clock clock;

    public TokenController(TokenService tokens, TokenRenderer renderer, ServiceCatalog catalog, SigningKeys keys,
            IssuedTokenRepository issued, Clock clock) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.renderer = requireNonNull(renderer, "renderer is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.issued = requireNonNull(issued, "issued is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @PostMapping("/tokens")
    public ResponseEntity<Map<String, Object>> issue(@RequestBody(required = false) JsonNode body,
            @RequestParam(name = "nocatalog", required = false) String noCatalog) {
        TokenService.Issued token = tokens.issue(body);
        return ResponseEntity.status(HttpStatus.CREATED).header(SUBJECT_TOKEN, token.token())
                .body(renderer.render(token.claims(), noCatalog == null));
    }

    @GetMapping("/tokens")
    public ResponseEntity<Map<String, Object>> validate(AuthContext caller,
            @RequestHeader(name = SUBJECT_TOKEN) String subject,
            @RequestParam(name = "nocatalog", required = false) String noCatalog) {
        TokenClaims claims = subjectOf(caller, subject);
        return ResponseEntity.ok().header(SUBJECT_TOKEN, subject).body(renderer.render(claims, noCatalog == null));
    }

    @RequestMapping(path = "/tokens", method = RequestMethod.HEAD)
    public ResponseEntity<Void> check(AuthContext caller, @RequestHeader(name = SUBJECT_TOKEN) String subject) {
        subjectOf(caller, subject);
        return ResponseEntity.ok().build();
    }

    @DeleteMapping("/tokens")
    public ResponseEntity<Void> revoke(AuthContext caller, @RequestHeader(name = SUBJECT_TOKEN) String subject) {
        tokens.revoke(subjectOf(caller, subject));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/catalog")
    public Map<String, Object> catalog(AuthContext caller) {
        if (caller.projectId() == null && caller.claims().domainId() == null) {
            throw ApiException.forbidden("An unscoped token has no catalog.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("catalog", catalog.render(caller.projectId()));
        body.put("links", Links.self("/v3/auth/catalog"));
        return body;
    }

    /** Public halves of the token signing keys, for services that verify tokens locally. */
    @GetMapping("/keys")
    public Map<String, Object> signingKeys() {
        return Map.of("keys", keys.published());
    }

    /** Audit ids of revoked tokens that have not expired yet; they reveal nothing about their owners. */
    @GetMapping("/revocations")
    public Map<String, Object> revocations() {
        List<Map<String, Object>> revoked = issued.findRevokedUnexpired(clock.instant()).stream()
                .map(t -> Map.<String, Object>of("audit_id", t.auditId(),
                        "expires_at", TokenRenderer.timestamp(t.expiresAt())))
                .toList();
        return Map.of("revocations", revoked);
    }

    /** Anyone may check or revoke their own token; an admin may check or revoke any. */
    private TokenClaims subjectOf(AuthContext caller, String subject) {
        TokenClaims claims = tokens.validateSubject(subject.trim());
        if (!caller.isAdmin() && !caller.userId().equals(claims.userId())) {
            throw ApiException.forbidden("You are not authorized to perform the requested action.");
        }
        return claims;
    }
}
