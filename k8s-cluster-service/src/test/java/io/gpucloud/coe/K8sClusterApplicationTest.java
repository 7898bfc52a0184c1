package io.gpucloud.coe;

import static io.gpucloud.common.web.RunningService.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.web.RunningService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class K8sClusterApplicationTest {

    @Test
    void servesMagnumVersionDocumentsAndHealth() {
        try (RunningService magnum = RunningService.start(K8sClusterApplication.application())) {
            HttpResponse<String> root = magnum.get("/");
            assertThat(root.statusCode()).isEqualTo(200);
            JsonNode v1 = json(root).path("versions").get(0);
            assertThat(v1.path("id").asString()).isEqualTo("v1");
            assertThat(v1.path("status").asString()).isEqualTo("CURRENT");
            assertThat(v1.path("links").get(0).path("href").asString()).isEqualTo(magnum.baseUrl() + "/v1/");

            HttpResponse<String> versioned = magnum.get("/v1");
            assertThat(versioned.statusCode()).isEqualTo(200);
            assertThat(json(versioned).path("media_types").get(0).path("type").asString())
                    .isEqualTo("application/vnd.openstack.magnum.v1+json");
            assertThat(magnum.health()).isEqualTo("UP");
        }
    }
}
