package io.gpucloud.baremetal;

import static io.gpucloud.common.web.RunningService.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.web.RunningService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BaremetalApplicationTest {

    @Test
    void servesIronicVersionDocumentsAndHealth() {
        try (RunningService ironic = RunningService.start(BaremetalApplication.application())) {
            HttpResponse<String> root = ironic.get("/");
            assertThat(root.statusCode()).isEqualTo(200);
            JsonNode body = json(root);
            JsonNode v1 = body.path("versions").get(0);
            assertThat(v1.path("id").asString()).isEqualTo("v1");
            assertThat(v1.path("status").asString()).isEqualTo("CURRENT");
            assertThat(v1.path("min_version").asString()).isEqualTo("1.1");
            assertThat(v1.path("links").get(0).path("href").asString()).isEqualTo(ironic.baseUrl() + "/v1/");
            assertThat(body.path("default_version")).isEqualTo(v1);

            HttpResponse<String> versioned = ironic.get("/v1");
            assertThat(versioned.statusCode()).isEqualTo(200);
            assertThat(json(versioned).path("media_types").get(0).path("type").asString())
                    .isEqualTo("application/vnd.openstack.ironic.v1+json");
            assertThat(ironic.health()).isEqualTo("UP");
        }
    }
}
