package io.gpucloud.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TokenApiTest extends IdentityTestBase {

    @Test
    void versionDiscoveryAnswersMultipleChoicesAtTheRootAndTheVersionAtV3() {
        KeystoneClient.Response root = keystone.get("/", null);
        assertThat(root.status()).isEqualTo(300);
        JsonNode value = root.body().path("versions").path("values").get(0);
        assertThat(value.path("id").asString()).isEqualTo("v3.14");
        assertThat(value.path("status").asString()).isEqualTo("stable");
        assertThat(value.path("media-types").get(0).path("type").asString())
                .isEqualTo("application/vnd.openstack.identity-v3+json");
        assertThat(value.path("links").get(0).path("href").asString()).endsWith("/v3/");

        KeystoneClient.Response v3 = keystone.get("/v3", null);
        assertThat(v3.status()).isEqualTo(200);
        assertThat(v3.body().path("version").path("id").asString()).isEqualTo("v3.14");
    }

    @Test
    void passwordAuthenticationScopedToAProjectReturnsTheTokenTheRolesAndTheWholeCatalog() {
        KeystoneClient.Response response = keystone.passwordAuth("admin", ADMIN_PASSWORD, "admin");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("X-Subject-Token")).startsWith("gc1.");
        JsonNode token = response.body().path("token");
        assertThat(token.path("methods").get(0).asString()).isEqualTo("password");
        assertThat(token.path("user").path("name").asString()).isEqualTo("admin");
        assertThat(token.path("user").path("domain").path("id").asString()).isEqualTo("default");
        assertThat(token.path("project").path("name").asString()).isEqualTo("admin");
        assertThat(token.path("project").path("domain").path("name").asString()).isEqualTo("Default");
        assertThat(token.path("expires_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(token.path("expires_at").asString()).isGreaterThan(token.path("issued_at").asString());
        assertThat(token.path("audit_ids").get(0).asString()).hasSize(22);
        List<String> roles = new ArrayList<>();
        token.path("roles").forEach(r -> roles.add(r.path("name").asString()));
        assertThat(roles).containsExactlyInAnyOrder("admin", "member", "reader");
        List<String> types = new ArrayList<>();
        token.path("catalog").forEach(s -> {
            types.add(s.path("type").asString());
            JsonNode endpoint = s.path("endpoints").get(0);
            assertThat(endpoint.path("interface").asString()).isEqualTo("public");
            assertThat(endpoint.path("region_id").asString()).isEqualTo("RegionOne");
        });
        assertThat(types).contains("identity", "compute", "image", "placement", "volumev3", "block-storage",
                "object-store", "baremetal", "container-infra");
        String projectId = token.path("project").path("id").asString();
        assertThat(token.path("catalog").toString()).contains("/v1/AUTH_" + projectId).contains("/v3/" + projectId);
    }

    @Test
    void theUserAndProjectMayBeGivenByIdAndTheDomainByName() {
        JsonNode admin = keystone.get("/v3/auth/tokens", adminToken).body();
        KeystoneClient.Response byId = keystone.call("GET", "/v3/auth/tokens", adminToken, null,
                Map.of("X-Subject-Token", adminToken));
        String userId = byId.body().path("token").path("user").path("id").asString();
        String projectId = byId.body().path("token").path("project").path("id").asString();
        KeystoneClient.Response response = keystone.call("POST", "/v3/auth/tokens", null, """
                {"auth":{"identity":{"methods":["password"],"password":{"user":{"id":"%s","password":"%s"}}},
                 "scope":{"project":{"id":"%s"}}}}""".formatted(userId, ADMIN_PASSWORD, projectId));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().path("token").path("project").path("id").asString()).isEqualTo(projectId);
        assertThat(admin).isNotNull();
    }

    @Test
    void withoutAScopeTheTokenIsScopedToTheDefaultProjectOrElseUnscoped() {
        KeystoneClient.Response admin = keystone.passwordAuth("admin", ADMIN_PASSWORD, null);
        assertThat(admin.status()).isEqualTo(201);
        assertThat(admin.body().path("token").path("project").path("name").asString()).isEqualTo("admin");

        String name = "loner-" + System.nanoTime();
        keystone.call("POST", "/v3/users", adminToken, """
                {"user":{"name":"%s","password":"pw-loner-1"}}""".formatted(name));
        KeystoneClient.Response unscoped = keystone.passwordAuth(name, "pw-loner-1", null);
        assertThat(unscoped.status()).isEqualTo(201);
        JsonNode token = unscoped.body().path("token");
        assertThat(token.has("project")).isFalse();
        assertThat(token.has("roles")).isFalse();
        assertThat(token.has("catalog")).isFalse();
    }

    @Test
    void domainScopedTokenCarriesTheDomainAndItsRoles() {
        String body = """
                {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin",
                 "domain":{"id":"default"},"password":"%s"}}},"scope":{"domain":{"id":"default"}}}}""".formatted(ADMIN_PASSWORD);
        // The admin holds no role on the domain until one is granted.
        assertThat(keystone.call("POST", "/v3/auth/tokens", null, body).status()).isEqualTo(401);
        String adminId = userId(adminToken);
        String adminRole = keystone.get("/v3/roles?name=admin", adminToken).body().path("roles").get(0).path("id").asString();
        assertThat(keystone.call("PUT", "/v3/domains/default/users/" + adminId + "/roles/" + adminRole, adminToken, null)
                .status()).isEqualTo(204);

        KeystoneClient.Response scoped = keystone.call("POST", "/v3/auth/tokens", null, body);
        assertThat(scoped.status()).isEqualTo(201);
        assertThat(scoped.body().path("token").path("domain").path("id").asString()).isEqualTo("default");
        assertThat(scoped.body().path("token").has("project")).isFalse();
        assertThat(scoped.body().path("token").path("roles").size()).isEqualTo(3);
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameUnauthorizedBody() {
        KeystoneClient.Response wrongPassword = keystone.passwordAuth("admin", "not-the-password", "admin");
        KeystoneClient.Response unknownUser = keystone.passwordAuth("nobody-" + System.nanoTime(), "whatever", "admin");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).isEqualTo(unknownUser.body());
        assertThat(wrongPassword.body().path("error").path("title").asString()).isEqualTo("Unauthorized");
        assertThat(wrongPassword.body().path("error").path("code").asInt()).isEqualTo(401);
        assertThat(wrongPassword.header("X-Subject-Token")).isNull();
    }

    @Test
    void malformedOrIncompleteAuthRequestsAreBadRequestsInKeystoneShape() {
        for (String body : List.of("{not json", "[]", "{}", """
                {"auth":{}}""", """
                {"auth":{"identity":{"methods":[]}}}""", """
                {"auth":{"identity":{"methods":["password"]}}}""", """
                {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","password":"x"}}}}}""")) {
            KeystoneClient.Response response = keystone.call("POST", "/v3/auth/tokens", null, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.body().path("error").path("code").asInt()).as(body).isEqualTo(400);
            assertThat(response.body().path("error").path("message").asString()).as(body).isNotBlank();
        }
    }

    @Test
    void aTokenIsValidatedWithTheSameBodyAsAtIssueThenRevokedAndThenRefused() {
        KeystoneClient.Response issued = keystone.passwordAuth("admin", ADMIN_PASSWORD, "admin");
        String token = issued.header("X-Subject-Token");

        KeystoneClient.Response validated = keystone.call("GET", "/v3/auth/tokens", adminToken, null,
                Map.of("X-Subject-Token", token));
        assertThat(validated.status()).isEqualTo(200);
        assertThat(validated.body()).isEqualTo(issued.body());
        assertThat(validated.header("X-Subject-Token")).isEqualTo(token);
        assertThat(keystone.call("HEAD", "/v3/auth/tokens", adminToken, null, Map.of("X-Subject-Token", token)).status())
                .isEqualTo(200);

        assertThat(keystone.call("DELETE", "/v3/auth/tokens", adminToken, null, Map.of("X-Subject-Token", token)).status())
                .isEqualTo(204);

        assertThat(keystone.call("GET", "/v3/auth/tokens", adminToken, null, Map.of("X-Subject-Token", token)).status())
                .isEqualTo(404);
        KeystoneClient.Response used = keystone.get("/v3/users", token);
        assertThat(used.status()).isEqualTo(401);
        assertThat(used.body().path("error").path("code").asInt()).isEqualTo(401);
        assertThat(used.header("WWW-Authenticate")).startsWith("Keystone uri=");
        JsonNode revocations = keystone.get("/v3/auth/revocations", null).body();
        assertThat(revocations.toString()).contains(issued.body().path("token").path("audit_ids").get(0).asString());
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = keystone.token("admin", ADMIN_PASSWORD, "admin");
        assertThat(keystone.get("/v3/users", token).status()).isEqualTo(200);
        clock.advance(Duration.ofHours(2));
        try {
            assertThat(keystone.get("/v3/users", token).status()).isEqualTo(401);
        } finally {
            clock.advance(Duration.ofHours(-2));
        }
    }

    @Test
    void forgedTamperedAndMissingTokensAreRefused() {
        String tampered = adminToken.substring(0, adminToken.length() - 4) + "AAAA";
        assertThat(keystone.get("/v3/users", tampered).status()).isEqualTo(401);
        assertThat(keystone.get("/v3/users", "not-a-token").status()).isEqualTo(401);
        assertThat(keystone.get("/v3/users", null).status()).isEqualTo(401);
        assertThat(keystone.get("/v3/auth/catalog", null).status()).isEqualTo(401);
    }

    @Test
    void unknownPathsAndWrongMethodsAreAnsweredInKeystoneShape() {
        KeystoneClient.Response unknown = keystone.get("/v3/no-such-thing", adminToken);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("error").path("code").asInt()).isEqualTo(404);
        KeystoneClient.Response wrongMethod = keystone.call("PUT", "/v3/users", adminToken, "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.body().path("error").path("code").asInt()).isEqualTo(405);
        KeystoneClient.Response notJson = keystone.call("POST", "/v3/projects", adminToken, "name=x",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(notJson.status()).isIn(400, 415);
        assertThat(notJson.body().path("error").path("code").asInt()).isIn(400, 415);
    }

    @Test
    void theCatalogOfTheCallersTokenIsServed() {
        KeystoneClient.Response catalog = keystone.get("/v3/auth/catalog", adminToken);
        assertThat(catalog.status()).isEqualTo(200);
        assertThat(catalog.body().path("catalog").size()).isGreaterThanOrEqualTo(9);
        assertThat(catalog.body().path("links").path("self").asString()).endsWith("/v3/auth/catalog");
    }

    @Test
    void signingKeysArePublishedForServicesThatVerifyLocally() {
        JsonNode keys = keystone.get("/v3/auth/keys", null).body().path("keys");
        assertThat(keys.size()).isGreaterThanOrEqualTo(1);
        assertThat(keys.get(0).path("algorithm").asString()).isEqualTo("Ed25519");
        assertThat(adminToken.split("\\.")[1]).isEqualTo(keys.get(0).path("kid").asString());
    }

    private String userId(String token) {
        return keystone.call("GET", "/v3/auth/tokens", token, null, Map.of("X-Subject-Token", token))
                .body().path("token").path("user").path("id").asString();
    }
}
