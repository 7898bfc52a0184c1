package io.gpucloud.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Domains, projects, users, roles and role assignments: each call, its errors and its policy. */
class DirectoryApiTest extends IdentityTestBase {

    @Test
    void domainsAreCreatedListedUpdatedAndDeletedOnlyOnceDisabled() {
        String name = "dom-" + System.nanoTime();
        KeystoneClient.Response created = keystone.call("POST", "/v3/domains", adminToken, """
                {"domain":{"name":"%s","description":"research"}}""".formatted(name));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("domain").path("id").asString();
        assertThat(id).hasSize(32);
        assertThat(created.body().path("domain").path("enabled").asBoolean()).isTrue();
        assertThat(created.body().path("domain").path("links").path("self").asString()).endsWith("/v3/domains/" + id);

        assertThat(keystone.get("/v3/domains?name=" + name, adminToken).body().path("domains").size()).isEqualTo(1);
        assertThat(keystone.get("/v3/domains/" + id, adminToken).body().path("domain").path("description").asString())
                .isEqualTo("research");
        assertThat(keystone.call("POST", "/v3/domains", adminToken, """
                {"domain":{"name":"%s"}}""".formatted(name)).status()).isEqualTo(409);

        KeystoneClient.Response enabledDelete = keystone.call("DELETE", "/v3/domains/" + id, adminToken, null);
        assertThat(enabledDelete.status()).isEqualTo(403);
        assertThat(keystone.get("/v3/domains/" + id, adminToken).status()).isEqualTo(200);

        assertThat(keystone.call("PATCH", "/v3/domains/" + id, adminToken, """
                {"domain":{"enabled":false}}""").body().path("domain").path("enabled").asBoolean()).isFalse();
        assertThat(keystone.call("DELETE", "/v3/domains/" + id, adminToken, null).status()).isEqualTo(204);
        assertThat(keystone.get("/v3/domains/" + id, adminToken).status()).isEqualTo(404);
        assertThat(keystone.call("DELETE", "/v3/domains/default", adminToken, null).status()).isEqualTo(403);
    }

    @Test
    void projectsAreCreatedInTheDefaultDomainFoundByNameUpdatedAndDeleted() {
        String name = "proj-" + System.nanoTime();
        KeystoneClient.Response created = keystone.call("POST", "/v3/projects", adminToken, """
                {"project":{"name":"%s","description":"gpu team","enabled":true}}""".formatted(name));
        assertThat(created.status()).isEqualTo(201);
        JsonNode project = created.body().path("project");
        String id = project.path("id").asString();
        assertThat(project.path("domain_id").asString()).isEqualTo("default");
        assertThat(project.path("is_domain").asBoolean()).isFalse();

        assertThat(keystone.get("/v3/projects/" + name, adminToken).status()).isEqualTo(404);
        assertThat(keystone.get("/v3/projects?name=" + name, adminToken).body().path("projects").get(0)
                .path("id").asString()).isEqualTo(id);
        assertThat(keystone.call("PATCH", "/v3/projects/" + id, adminToken, """
                {"project":{"description":"renamed team"}}""").body().path("project").path("description").asString())
                .isEqualTo("renamed team");
        assertThat(keystone.call("POST", "/v3/projects", adminToken, """
                {"project":{"name":"%s"}}""".formatted(name)).status()).isEqualTo(409);
        assertThat(keystone.call("DELETE", "/v3/projects/" + id, adminToken, null).status()).isEqualTo(204);
        assertThat(keystone.get("/v3/projects/" + id, adminToken).status()).isEqualTo(404);
        assertThat(keystone.call("DELETE", "/v3/projects/" + id, adminToken, null).status()).isEqualTo(404);
    }

    @Test
    void badInputIsRejectedWithKeystoneErrorsAndChangesNothing() {
        int usersBefore = keystone.get("/v3/users", adminToken).body().path("users").size();
        int projectsBefore = keystone.get("/v3/projects", adminToken).body().path("projects").size();
        List<String[]> requests = List.of(
                new String[] {"/v3/users", "{broken"},
                new String[] {"/v3/users", "{}"},
                new String[] {"/v3/users", "{\"user\":{}}"},
                new String[] {"/v3/users", "{\"user\":{\"name\":42}}"},
                new String[] {"/v3/users", "{\"user\":{\"name\":\"x\",\"enabled\":\"yes\"}}"},
                new String[] {"/v3/users", "{\"user\":{\"name\":\"x\",\"domain_id\":\"no-such-domain\"}}"},
                new String[] {"/v3/users", "{\"user\":{\"name\":\"" + "n".repeat(300) + "\"}}"},
                new String[] {"/v3/projects", "{\"project\":{\"name\":\"\"}}"},
                new String[] {"/v3/projects", "{\"project\":{\"name\":\"x\",\"is_domain\":true}}"},
                new String[] {"/v3/roles", "{\"role\":null}"});
        for (String[] request : requests) {
            KeystoneClient.Response response = keystone.call("POST", request[0], adminToken, request[1]);
            assertThat(response.status()).as(request[1]).isEqualTo(400);
            assertThat(response.body().path("error").path("title").asString()).as(request[1]).isEqualTo("Bad Request");
        }
        assertThat(keystone.get("/v3/users", adminToken).body().path("users").size()).isEqualTo(usersBefore);
        assertThat(keystone.get("/v3/projects", adminToken).body().path("projects").size()).isEqualTo(projectsBefore);
        assertThat(keystone.get("/v3/users/no-such-user", adminToken).body().path("error").path("code").asInt())
                .isEqualTo(404);
    }

    @Test
    void usersAreCreatedWithAPasswordGivenRolesAndCanAuthenticate() {
        Fixture team = Fixture.create(keystone, adminToken, "member");
        KeystoneClient.Response auth = keystone.passwordAuth(team.userName(), team.password(), team.projectName());
        assertThat(auth.status()).isEqualTo(201);
        List<String> roles = auth.body().path("token").path("roles").findValuesAsString("name");
        assertThat(roles).containsExactlyInAnyOrder("member", "reader");

        JsonNode shown = keystone.get("/v3/users/" + team.userId(), adminToken).body().path("user");
        assertThat(shown.has("password")).isFalse();
        assertThat(shown.toString()).doesNotContain(team.password());
        assertThat(shown.path("default_project_id").asString()).isEqualTo(team.projectId());

        KeystoneClient.Response assignments = keystone.get("/v3/role_assignments?user.id=" + team.userId()
                + "&include_names", adminToken);
        JsonNode first = assignments.body().path("role_assignments").get(0);
        assertThat(first.path("role").path("name").asString()).isEqualTo("member");
        assertThat(first.path("scope").path("project").path("id").asString()).isEqualTo(team.projectId());
        String roleId = first.path("role").path("id").asString();
        String grant = "/v3/projects/" + team.projectId() + "/users/" + team.userId() + "/roles/" + roleId;
        assertThat(keystone.call("HEAD", grant, adminToken, null).status()).isEqualTo(204);
        assertThat(keystone.get("/v3/projects/" + team.projectId() + "/users/" + team.userId() + "/roles", adminToken)
                .body().path("roles").size()).isEqualTo(1);

        String token = keystone.token(team.userName(), team.password(), team.projectName());
        assertThat(keystone.call("DELETE", grant, adminToken, null).status()).isEqualTo(204);
        assertThat(keystone.call("HEAD", grant, adminToken, null).status()).isEqualTo(404);
        assertThat(keystone.get("/v3/projects/" + team.projectId(), token).status())
                .as("a token whose role was removed is revoked").isEqualTo(401);
        assertThat(keystone.passwordAuth(team.userName(), team.password(), team.projectName()).status()).isEqualTo(401);
    }

    @Test
    void disablingOrDeletingAUserRevokesItsTokensAndStopsItsLogins() {
        Fixture team = Fixture.create(keystone, adminToken, "member");
        String token = keystone.token(team.userName(), team.password(), team.projectName());
        assertThat(keystone.call("PATCH", "/v3/users/" + team.userId(), adminToken, """
                {"user":{"enabled":false}}""").status()).isEqualTo(200);
        assertThat(keystone.get("/v3/users/" + team.userId(), token).status()).isEqualTo(401);
        assertThat(keystone.passwordAuth(team.userName(), team.password(), team.projectName()).status()).isEqualTo(401);

        assertThat(keystone.call("DELETE", "/v3/users/" + team.userId(), adminToken, null).status()).isEqualTo(204);
        assertThat(keystone.get("/v3/users/" + team.userId(), adminToken).status()).isEqualTo(404);
    }

    @Test
    void aUserChangesItsOwnPasswordOnlyWithTheOriginalAndOldTokensAreRevoked() {
        Fixture team = Fixture.create(keystone, adminToken, "member");
        String token = keystone.token(team.userName(), team.password(), team.projectName());
        String path = "/v3/users/" + team.userId() + "/password";
        assertThat(keystone.call("POST", path, token, """
                {"user":{"password":"new-pw-123","original_password":"wrong"}}""").status()).isEqualTo(401);
        assertThat(keystone.passwordAuth(team.userName(), team.password(), team.projectName()).status()).isEqualTo(201);

        assertThat(keystone.call("POST", path, token, """
                {"user":{"password":"new-pw-123","original_password":"%s"}}""".formatted(team.password())).status())
                .isEqualTo(204);
        assertThat(keystone.get("/v3/users/" + team.userId(), token).status()).isEqualTo(401);
        assertThat(keystone.passwordAuth(team.userName(), team.password(), team.projectName()).status()).isEqualTo(401);
        assertThat(keystone.passwordAuth(team.userName(), "new-pw-123", team.projectName()).status()).isEqualTo(201);
    }

    @Test
    void aMemberCannotCallAdminApis() {
        Fixture team = Fixture.create(keystone, adminToken, "member");
        String token = keystone.token(team.userName(), team.password(), team.projectName());
        Map<String, String[]> calls = Map.of(
                "list users", new String[] {"GET", "/v3/users", null},
                "create project", new String[] {"POST", "/v3/projects", "{\"project\":{\"name\":\"sneaky\"}}"},
                "create user", new String[] {"POST", "/v3/users", "{\"user\":{\"name\":\"sneaky\"}}"},
                "create domain", new String[] {"POST", "/v3/domains", "{\"domain\":{\"name\":\"sneaky\"}}"},
                "list roles", new String[] {"GET", "/v3/roles", null},
                "grant itself admin", new String[] {"PUT", "/v3/projects/" + team.projectId() + "/users/"
                        + team.userId() + "/roles/" + roleId("admin"), null},
                "list assignments", new String[] {"GET", "/v3/role_assignments", null},
                "disable a project", new String[] {"PATCH", "/v3/projects/" + team.projectId(),
                        "{\"project\":{\"enabled\":false}}"});
        calls.forEach((what, call) -> {
            KeystoneClient.Response response = keystone.call(call[0], call[1], token, call[2]);
            assertThat(response.status()).as(what).isEqualTo(403);
            assertThat(response.body().path("error").path("code").asInt()).as(what).isEqualTo(403);
        });
        assertThat(keystone.get("/v3/projects?name=sneaky", adminToken).body().path("projects").size()).isZero();
        assertThat(keystone.get("/v3/role_assignments?user.id=" + team.userId(), adminToken)
                .body().path("role_assignments").size()).isEqualTo(1);
        // What a member may do: read its own project, its own user, its own assignments.
        assertThat(keystone.get("/v3/projects/" + team.projectId(), token).status()).isEqualTo(200);
        assertThat(keystone.get("/v3/users/" + team.userId(), token).status()).isEqualTo(200);
        assertThat(keystone.get("/v3/role_assignments?user.id=" + team.userId(), token).status()).isEqualTo(200);
        assertThat(keystone.get("/v3/auth/projects", token).body().path("projects").get(0).path("id").asString())
                .isEqualTo(team.projectId());
    }

    @Test
    void aTokenOfProjectACannotReadProjectBOrItsUsers() {
        Fixture a = Fixture.create(keystone, adminToken, "member");
        Fixture b = Fixture.create(keystone, adminToken, "member");
        String tokenA = keystone.token(a.userName(), a.password(), a.projectName());
        assertThat(keystone.get("/v3/projects/" + b.projectId(), tokenA).status()).isEqualTo(403);
        assertThat(keystone.get("/v3/projects/does-not-exist", tokenA).status())
                .as("the same answer whether the project exists or not").isEqualTo(403);
        assertThat(keystone.get("/v3/users/" + b.userId(), tokenA).status()).isEqualTo(403);
        assertThat(keystone.get("/v3/users/" + b.userId() + "/projects", tokenA).status()).isEqualTo(403);
        assertThat(keystone.get("/v3/users/" + b.userId() + "/application_credentials", tokenA).status()).isEqualTo(403);
        assertThat(keystone.get("/v3/users/" + b.userId() + "/credentials/OS-EC2", tokenA).status()).isEqualTo(403);
        assertThat(keystone.call("GET", "/v3/auth/tokens", tokenA, null,
                Map.of("X-Subject-Token", keystone.token(b.userName(), b.password(), b.projectName()))).status())
                .isEqualTo(403);
    }

    @Test
    void rolesAreCreatedFoundByNameAndDefaultRolesAreProtected() {
        String name = "gpu-operator-" + System.nanoTime();
        KeystoneClient.Response created = keystone.call("POST", "/v3/roles", adminToken, """
                {"role":{"name":"%s"}}""".formatted(name));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("role").path("id").asString();
        assertThat(keystone.get("/v3/roles?name=" + name, adminToken).body().path("roles").get(0).path("id").asString())
                .isEqualTo(id);
        assertThat(keystone.call("POST", "/v3/roles", adminToken, """
                {"role":{"name":"%s"}}""".formatted(name)).status()).isEqualTo(409);
        assertThat(keystone.call("DELETE", "/v3/roles/" + id, adminToken, null).status()).isEqualTo(204);
        assertThat(keystone.call("DELETE", "/v3/roles/" + roleId("member"), adminToken, null).status()).isEqualTo(403);
    }

    private String roleId(String name) {
        return keystone.get("/v3/roles?name=" + name, adminToken).body().path("roles").get(0).path("id").asString();
    }
}
