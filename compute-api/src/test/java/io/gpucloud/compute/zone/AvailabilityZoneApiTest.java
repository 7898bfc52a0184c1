package io.gpucloud.compute.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.compute.ComputeTestBase;
import io.gpucloud.compute.NovaClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AvailabilityZoneApiTest extends ComputeTestBase {

    @Test
    void everyoneSeesTheConfiguredZoneAndOnlyAdminsTheDetail() {
        Response listed = member("p-az").get("/v2.1/os-availability-zone", null);
        assertThat(listed.status()).isEqualTo(200);
        JsonNode zone = listed.body().path("availabilityZoneInfo").get(0);
        assertThat(zone.path("zoneName").asString()).isEqualTo("nova");
        assertThat(zone.path("zoneState").path("available").asBoolean()).isTrue();
        assertThat(zone.has("hosts")).isTrue();
        assertThat(zone.path("hosts").isNull()).isTrue();
        assertThat(listed.body().path("availabilityZoneInfo").size()).isEqualTo(1);

        assertThat(member("p-az").get("/v2.1/os-availability-zone/detail", null).status()).isEqualTo(403);
        JsonNode detail = nova.get("/v2.1/os-availability-zone/detail", null).body().path("availabilityZoneInfo");
        assertThat(detail.get(0).path("hosts").isObject()).isTrue();
    }
}
