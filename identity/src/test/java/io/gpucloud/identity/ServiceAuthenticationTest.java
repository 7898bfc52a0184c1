package io.gpucloud.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.web.RunningService;
import io.gpucloud.sampleservice.SampleServiceApplication;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** Another service, started beside identity, authenticates its callers with identity's tokens. */
class ServiceAuthenticationTest extends IdentityTestBase {

    @Value("${cloud.db.url}")
    String databaseUrl;

    @Test
    void aServiceAcceptsIdentityTokensScopesThemAndRefusesMissingOrRevokedOnes() throws Exception {
        try (RunningService service = RunningService.start(SampleServiceApplication.application(),
                "--cloud.identity.url=http://127.0.0.1:" + port + "/v3", "--cloud.identity.key-refresh=PT1H",
                "--cloud.db.url=" + databaseUrl)) {
            Fixture team = Fixture.create(keystone, adminToken, "member");
            String token = keystone.token(team.userName(), team.password(), team.projectName());

            assertThat(service.get("/").statusCode()).isEqualTo(200);
            HttpResponse<String> anonymous = service.get("/projects/" + team.projectId() + "/things");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(RunningService.json(anonymous).path("unauthorized").path("code").asInt()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse(""))
                    .isEqualTo("Keystone uri=\"http://127.0.0.1:" + port + "\"");

            HttpResponse<String> own = service.get("/projects/" + team.projectId() + "/things", "X-Auth-Token", token);
            assertThat(own.statusCode()).isEqualTo(200);
            assertThat(RunningService.json(own).path("user").asString()).isEqualTo(team.userId());
            HttpResponse<String> other = service.get("/projects/someone-else/things", "X-Auth-Token", token);
            assertThat(other.statusCode()).isEqualTo(403);
            assertThat(RunningService.json(other).path("forbidden").path("code").asInt()).isEqualTo(403);
            assertThat(service.get("/projects/someone-else/things", "X-Auth-Token", adminToken).statusCode())
                    .isEqualTo(200);

            assertThat(keystone.call("DELETE", "/v3/auth/tokens", adminToken, null, Map.of("X-Subject-Token", token))
                    .status()).isEqualTo(204);
            service.context().getBean(io.gpucloud.common.auth.PublishedIdentityKeys.class).refresh();
            assertThat(service.get("/projects/" + team.projectId() + "/things", "X-Auth-Token", token).statusCode())
                    .isEqualTo(401);
        }
    }
}
