package io.gpucloud.volume;

import static io.gpucloud.common.web.RunningService.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.web.RunningService;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BlockStorageApplicationTest {

    @Test
    void servesCinderVersionDocumentsAndHealth() {
        try (RunningService volume = RunningService.start(BlockStorageApplication.application())) {
            // The unversioned root answers 300 Multiple Choices, the versioned one 200 (wire-spec §6).
            for (Map.Entry<String, Integer> call : Map.of("/", 300, "/v3/", 200, "/v3", 200).entrySet()) {
                HttpResponse<String> response = volume.get(call.getKey());
                assertThat(response.statusCode()).as(call.getKey()).isEqualTo(call.getValue());
                JsonNode version = json(response).path("versions").get(0);
                assertThat(version.path("id").asString()).isEqualTo("v3.0");
                assertThat(version.path("status").asString()).isEqualTo("CURRENT");
                assertThat(version.path("version").asString()).isEqualTo("3.0");
                assertThat(version.path("min_version").asString()).isEqualTo("3.0");
                assertThat(version.path("updated").asString()).isNotEmpty();
                assertThat(version.path("links").get(0).path("href").asString()).isEqualTo(volume.baseUrl() + "/v3/");
                assertThat(version.path("media-types").get(0).path("type").asString())
                        .isEqualTo("application/vnd.openstack.volume+json;version=3");
            }
            assertThat(volume.health()).isEqualTo("UP");
        }
    }
}
