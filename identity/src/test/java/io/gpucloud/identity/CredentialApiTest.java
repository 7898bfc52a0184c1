package io.gpucloud.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Application credentials and EC2 credentials. */
class CredentialApiTest extends IdentityTestBase {

    @Test
    void anApplicationCredentialAuthenticatesOnItsProjectWithItsRolesUntilDeleted() {
        Fixture team = Fixture.create(keystone, adminToken, "member");
        String token = keystone.token(team.userName(), team.password(), team.projectName());
        KeystoneClient.Response created = keystone.call("POST", "/v3/users/" + team.userId() + "/application_credentials",
                token, """
                {"application_credential":{"name":"notebook","description":"jupyter",
                 "roles":[{"name":"reader"}]}}""");
        assertThat(created.status()).isEqualTo(201);
        JsonNode credential = created.body().path("application_credential");
        String id = credential.path("id").asString();
        String secret = credential.path("secret").asString();
        assertThat(secret).hasSizeGreaterThan(40);
        assertThat(credential.path("project_id").asString()).isEqualTo(team.projectId());
        assertThat(credential.path("roles").findValuesAsString("name")).containsExactly("reader");

        KeystoneClient.Response listed = keystone.get("/v3/users/" + team.userId() + "/application_credentials", token);
        assertThat(listed.body().path("application_credentials").get(0).has("secret")).isFalse();
        assertThat(keystone.get("/v3/users/" + team.userId() + "/application_credentials/" + id, token).status())
                .isEqualTo(200);

        KeystoneClient.Response auth = keystone.call("POST", "/v3/auth/tokens", null, """
                {"auth":{"identity":{"methods":["application_credential"],
                 "application_credential":{"id":"%s","secret":"%s"}}}}""".formatted(id, secret));
        assertThat(auth.status()).isEqualTo(201);
        JsonNode appToken = auth.body().path("token");
        assertThat(appToken.path("methods").get(0).asString()).isEqualTo("application_credential");
        assertThat(appToken.path("project").path("id").asString()).isEqualTo(team.projectId());
        assertThat(appToken.path("roles").findValuesAsString("name")).containsExactly("reader");
        assertThat(appToken.path("application_credential").path("name").asString()).isEqualTo("notebook");

        KeystoneClient.Response byName = keystone.call("POST", "/v3/auth/tokens", null, """
                {"auth":{"identity":{"methods":["application_credential"],
                 "application_credential":{"name":"notebook","secret":"%s",
                 "user":{"name":"%s","domain":{"id":"default"}}}}}}""".formatted(secret, team.userName()));
        assertThat(byName.status()).isEqualTo(201);

        KeystoneClient.Response wrongSecret = keystone.call("POST", "/v3/auth/tokens", null, """
                {"auth":{"identity":{"methods":["application_credential"],
                 "application_credential":{"id":"%s","secret":"wrong"}}}}""".formatted(id));
        assertThat(wrongSecret.status()).isEqualTo(401);

        String appTokenId = auth.header("X-Subject-Token");
        assertThat(keystone.call("DELETE", "/v3/users/" + team.userId() + "/application_credentials/" + id, token, null)
                .status()).isEqualTo(204);
        assertThat(keystone.get("/v3/users/" + team.userId(), appTokenId).status()).isEqualTo(401);
        assertThat(keystone.call("POST", "/v3/auth/tokens", null, """
                {"auth":{"identity":{"methods":["application_credential"],
                 "application_credential":{"id":"%s","secret":"%s"}}}}""".formatted(id, secret)).status()).isEqualTo(401);
    }

    @Test
    void applicationCredentialsCannotExceedTheCreatorsRolesNorBeMadeForOthers() {
        Fixture team = Fixture.create(keystone, adminToken, "member");
        Fixture other = Fixture.create(keystone, adminToken, "member");
        String token = keystone.token(team.userName(), team.password(), team.projectName());
        String path = "/v3/users/" + team.userId() + "/application_credentials";
        assertThat(keystone.call("POST", path, token, """
                {"application_credential":{"name":"escalate","roles":[{"name":"admin"}]}}""").status()).isEqualTo(403);
        assertThat(keystone.call("POST", "/v3/users/" + other.userId() + "/application_credentials", token, """
                {"application_credential":{"name":"theirs"}}""").status()).isEqualTo(403);
        assertThat(keystone.call("POST", path, token, """
                {"application_credential":{"name":"old","expires_at":"2001-01-01T00:00:00Z"}}""").status()).isEqualTo(400);
        assertThat(keystone.call("POST", path, token, """
                {"application_credential":{"name":"bad","expires_at":"tomorrow"}}""").status()).isEqualTo(400);
        assertThat(keystone.call("POST", path, token, "{\"application_credential\":{}}").status()).isEqualTo(400);
        assertThat(keystone.get(path, token).body().path("application_credentials").size()).isZero();

        assertThat(keystone.call("POST", path, token, """
                {"application_credential":{"name":"twice"}}""").status()).isEqualTo(201);
        assertThat(keystone.call("POST", path, token, """
                {"application_credential":{"name":"twice"}}""").status()).isEqualTo(409);
    }

    @Test
    void ec2CredentialsAreIssuedForProjectsTheUserHoldsARoleOn() {
        Fixture team = Fixture.create(keystone, adminToken, "member");
        Fixture other = Fixture.create(keystone, adminToken, "member");
        String token = keystone.token(team.userName(), team.password(), team.projectName());
        String path = "/v3/users/" + team.userId() + "/credentials/OS-EC2";

        KeystoneClient.Response created = keystone.call("POST", path, token, """
                {"tenant_id":"%s"}""".formatted(team.projectId()));
        assertThat(created.status()).isEqualTo(201);
        JsonNode credential = created.body().path("credential");
        String access = credential.path("access").asString();
        assertThat(access).hasSize(32);
        assertThat(credential.path("secret").asString()).hasSize(32);
        assertThat(credential.path("tenant_id").asString()).isEqualTo(team.projectId());

        assertThat(keystone.call("POST", path, token, """
                {"tenant_id":"%s"}""".formatted(other.projectId())).status()).isEqualTo(403);
        assertThat(keystone.call("POST", path, token, "{}").status()).isEqualTo(400);
        assertThat(keystone.get(path, token).body().path("credentials").size()).isEqualTo(1);
        assertThat(keystone.get(path + "/" + access, token).body().path("credential").path("secret").asString())
                .isEqualTo(credential.path("secret").asString());
        assertThat(keystone.call("DELETE", path + "/" + access, token, null).status()).isEqualTo(204);
        assertThat(keystone.get(path + "/" + access, token).status()).isEqualTo(404);
        assertThat(List.of(keystone.get(path, token).body().path("credentials").size())).containsExactly(0);
    }

    @Test
    void ec2SecretsAreFoundByKeystonesCredentialIdOnlyByTheirOwnerAndAdmins() throws Exception {
        Fixture owner = Fixture.create(keystone, adminToken, "member");
        Fixture stranger = Fixture.create(keystone, adminToken, "member");
        String ownerToken = keystone.token(owner.userName(), owner.password(), owner.projectName());
        String strangerToken = keystone.token(stranger.userName(), stranger.password(), stranger.projectName());
        JsonNode created = keystone.call("POST", "/v3/users/" + owner.userId() + "/credentials/OS-EC2", ownerToken,
                """
                {"tenant_id":"%s"}""".formatted(owner.projectId())).body().path("credential");
        String access = created.path("access").asString();
        String id = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(access.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        KeystoneClient.Response shown = keystone.get("/v3/credentials/" + id, adminToken);
        assertThat(shown.status()).isEqualTo(200);
        JsonNode credential = shown.body().path("credential");
        assertThat(credential.path("id").asString()).isEqualTo(id);
        assertThat(credential.path("type").asString()).isEqualTo("ec2");
        assertThat(credential.path("project_id").asString()).isEqualTo(owner.projectId());
        assertThat(credential.path("user_id").asString()).isEqualTo(owner.userId());
        JsonNode blob = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(credential.path("blob").asString());
        assertThat(blob.path("access").asString()).isEqualTo(access);
        assertThat(blob.path("secret").asString()).isEqualTo(created.path("secret").asString());

        assertThat(keystone.get("/v3/credentials/" + id, ownerToken).status()).isEqualTo(200);
        assertThat(keystone.get("/v3/credentials/" + id, strangerToken).status()).isEqualTo(404);
        assertThat(keystone.get("/v3/credentials/" + "0".repeat(64), adminToken).status()).isEqualTo(404);
        assertThat(keystone.get("/v3/credentials/" + id, null).status()).isEqualTo(401);
        assertThat(keystone.get("/v3/credentials?type=ec2", strangerToken).body().path("credentials").size()).isZero();
        assertThat(keystone.get("/v3/credentials?user_id=" + owner.userId(), adminToken).body().path("credentials")
                .size()).isEqualTo(1);
    }
}
