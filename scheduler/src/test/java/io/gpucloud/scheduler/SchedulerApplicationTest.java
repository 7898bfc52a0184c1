package io.gpucloud.scheduler;

import static io.gpucloud.common.web.RunningService.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.web.RunningService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SchedulerApplicationTest {

    @Test
    void servesPlacementVersionDocumentAndHealth() {
        try (RunningService placement = RunningService.start(SchedulerApplication.application())) {
            HttpResponse<String> root = placement.get("/");
            assertThat(root.statusCode()).isEqualTo(200);
            JsonNode version = json(root).path("versions").get(0);
            assertThat(version.path("id").asString()).isEqualTo("v1.0");
            assertThat(version.path("status").asString()).isEqualTo("CURRENT");
            assertThat(version.path("min_version").asString()).isEqualTo("1.0");
            assertThat(version.path("max_version").asString()).isEqualTo("1.0");
            assertThat(version.path("links").get(0).path("rel").asString()).isEqualTo("self");
            assertThat(placement.health()).isEqualTo("UP");
        }
    }
}
