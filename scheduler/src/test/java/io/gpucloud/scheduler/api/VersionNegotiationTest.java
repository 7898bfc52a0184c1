package io.gpucloud.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementClient;
import io.gpucloud.scheduler.PlacementTestBase;
import org.junit.jupiter.api.Test;

class VersionNegotiationTest extends PlacementTestBase {

    @Test
    void theRootNamesTheVersionRangeWithoutAToken() {
        PlacementClient.Response root = placement.as(null).get("/", null);
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.body().path("versions").get(0).path("max_version").asString()).isEqualTo("1.39");
        assertThat(root.body().path("versions").get(0).path("min_version").asString()).isEqualTo("1.0");
        assertThat(root.header("OpenStack-API-Version")).isEqualTo("placement 1.0");
        assertThat(root.header("Vary")).isEqualTo("OpenStack-API-Version");
    }

    @Test
    void aSupportedVersionIsEchoedAndTooNewAVersionIsA406WithTheRange() {
        assertThat(placement.get("/", "1.29").header("OpenStack-API-Version")).isEqualTo("placement 1.29");
        assertThat(placement.get("/", "latest").header("OpenStack-API-Version")).isEqualTo("placement 1.39");

        PlacementClient.Response tooNew = placement.get("/", "1.40");
        assertThat(tooNew.status()).isEqualTo(406);
        assertThat(tooNew.body().path("errors").get(0).path("max_version").asString()).isEqualTo("1.39");
        assertThat(tooNew.body().path("errors").get(0).path("min_version").asString()).isEqualTo("1.0");
        assertThat(placement.get("/", "one").status()).isEqualTo(400);
    }

    @Test
    void everythingButTheRootNeedsAnAdminToken() {
        assertThat(placement.as(null).get("/resource_providers", "1.39").status()).isEqualTo(401);
        PlacementClient.Response member = placement.as(TOKENS.member("p1")).get("/resource_providers", "1.39");
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.body().path("errors").get(0).path("status").asInt()).isEqualTo(403);
        assertThat(placement.get("/actuator/health", null).status()).isEqualTo(200);
    }
}
