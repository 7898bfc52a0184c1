package io.gpucloud.compute;

import static io.gpucloud.common.web.RunningService.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.testing.TestDatabase;
import io.gpucloud.common.web.RunningService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ComputeApiApplicationTest {

    @Test
    void servesNovaVersionDocumentsAndHealth() {
        try (TestDatabase database = TestDatabase.create("computeapp");
                RunningService compute = RunningService.start(ComputeApiApplication.application(),
                        "--cloud.db.url=" + database.jdbcUrl())) {
            HttpResponse<String> root = compute.get("/");
            assertThat(root.statusCode()).isEqualTo(200);
            JsonNode listed = json(root).path("versions").get(0);
            assertThat(listed.path("id").asString()).isEqualTo("v2.1");
            assertThat(listed.path("status").asString()).isEqualTo("CURRENT");
            assertThat(listed.path("version").asString()).isEqualTo("2.79");
            assertThat(listed.path("min_version").asString()).isEqualTo("2.1");
            assertThat(listed.path("links").get(0).path("href").asString()).isEqualTo(compute.baseUrl() + "/v2.1/");
            assertThat(listed.has("media-types")).isFalse();

            for (String path : new String[] {"/v2.1", "/v2.1/"}) {
                HttpResponse<String> response = compute.get(path);
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode version = json(response).path("version");
                assertThat(version.path("id").asString()).isEqualTo("v2.1");
                assertThat(version.path("links").get(0).path("href").asString()).isEqualTo(compute.baseUrl() + "/v2.1/");
                assertThat(version.path("media-types").get(0).path("type").asString())
                        .isEqualTo("application/vnd.openstack.compute+json;version=2.1");
            }
            assertThat(compute.health()).isEqualTo("UP");
        }
    }
}
