package io.gpucloud.identity;

/** A fresh project with a fresh user holding one role on it, made through the API as an admin would. */
public record Fixture(String projectId, String projectName, String userId, String userName, String password) {

    public static Fixture create(KeystoneClient keystone, String adminToken, String role) {
        String suffix = Long.toString(System.nanoTime(), 36);
        String projectName = "team-" + suffix;
        String projectId = keystone.call("POST", "/v3/projects", adminToken, """
                {"project":{"name":"%s"}}""".formatted(projectName)).body().path("project").path("id").asString();
        String userName = "user-" + suffix;
        String password = "pw-" + suffix;
        String userId = keystone.call("POST", "/v3/users", adminToken, """
                {"user":{"name":"%s","password":"%s","default_project_id":"%s"}}"""
                .formatted(userName, password, projectId)).body().path("user").path("id").asString();
        String roleId = keystone.get("/v3/roles?name=" + role, adminToken).body().path("roles").get(0).path("id").asString();
        int status = keystone.call("PUT", "/v3/projects/" + projectId + "/users/" + userId + "/roles/" + roleId,
                adminToken, null).status();
        if (status != 204) {
            throw new AssertionError("role grant failed with " + status);
        }
        return new Fixture(projectId, projectName, userId, userName, password);
    }
}
