package io.gpucloud.objectstorage;

import static io.gpucloud.common.web.RunningService.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.web.RunningService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ObjectStorageApplicationTest {

    @Test
    void servesSwiftInfoAndHealth() {
        try (RunningService objects = RunningService.start(ObjectStorageApplication.application())) {
            HttpResponse<String> response = objects.get("/info");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode swift = json(response).path("swift");
            assertThat(swift.path("version").asString()).isNotEmpty();
            assertThat(swift.path("policies").get(0).path("name").asString()).isEqualTo("Policy-0");
            assertThat(swift.path("policies").get(0).path("default").asBoolean()).isTrue();
            assertThat(swift.path("container_listing_limit").asInt()).isEqualTo(10_000);
            assertThat(swift.path("max_object_name_length").asInt()).isEqualTo(1024);
            assertThat(objects.health()).isEqualTo("UP");
        }
    }
}
