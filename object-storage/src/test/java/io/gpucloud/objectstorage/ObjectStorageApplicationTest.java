package io.gpucloud.objectstorage;

import static io.gpucloud.common.web.RunningService.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.testing.TestDatabase;
import io.gpucloud.common.web.RunningService;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ObjectStorageApplicationTest {

    @Test
    void servesSwiftInfoAndHealth() throws Exception {
        Path data = Files.createTempDirectory("object-data");
        try (TestDatabase database = TestDatabase.create("object_app");
             RunningService objects = RunningService.start(ObjectStorageApplication.application(),
                     "--cloud.db.url=" + database.jdbcUrl(), "--cloud.object.data-path=" + data,
                     "--cloud.identity.url=http://127.0.0.1:9/v3", "--cloud.identity.key-refresh=PT1H")) {
            HttpResponse<String> response = objects.get("/info");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode swift = json(response).path("swift");
            assertThat(swift.path("version").asString()).isNotEmpty();
            assertThat(swift.path("policies").get(0).path("name").asString()).isEqualTo("Policy-0");
            assertThat(swift.path("policies").get(0).path("default").asBoolean()).isTrue();
            assertThat(swift.path("container_listing_limit").asInt()).isEqualTo(10_000);
            assertThat(swift.path("max_object_name_length").asInt()).isEqualTo(1024);
            assertThat(json(response).path("slo").path("max_manifest_segments").asInt()).isEqualTo(1000);
            assertThat(objects.health()).isEqualTo("UP");
            assertThat(Files.isDirectory(data.resolve("tmp"))).isTrue();
        } finally {
            ObjectStorageTestBase.deleteRecursively(data);
        }
    }
}
