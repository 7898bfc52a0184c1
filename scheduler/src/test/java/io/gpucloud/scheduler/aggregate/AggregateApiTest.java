package io.gpucloud.scheduler.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementClient.Response;
import io.gpucloud.scheduler.PlacementTestBase;
import io.gpucloud.scheduler.provider.ProviderFixtures;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AggregateApiTest extends PlacementTestBase {

    @Autowired
    JdbcClient jdbc;

    ProviderFixtures fixtures;
    UUID provider;
    String path;

    @BeforeEach
    void provider() {
        fixtures = new ProviderFixtures(placement, jdbc);
        provider = fixtures.provider(ProviderFixtures.unique("host"));
        path = "/resource_providers/" + provider + "/aggregates";
    }

    @Test
    void aggregatesDoNotExistAtMicroversion1_0() {
        assertThat(placement.get(path, "1.0").status()).isEqualTo(404);
    }

    @Test
    void beforeMicroversion1_19ABareListIsPutAndTheGenerationStaysPut() {
        UUID a = UUID.randomUUID();
        Response put = placement.call("PUT", path, "1.18", "[\"%s\"]".formatted(a));

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().path("aggregates").get(0).asString()).isEqualTo(a.toString());
        assertThat(put.body().has("resource_provider_generation")).isFalse();
        assertThat(placement.get(path, "1.1").body().has("resource_provider_generation")).isFalse();
        assertThat(fixtures.generation(provider)).isZero();
    }

    @Test
    void fromMicroversion1_19TheGenerationIsCheckedAndMovedOn() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Response put = placement.call("PUT", path, "1.19",
                "{\"aggregates\": [\"%s\", \"%s\"], \"resource_provider_generation\": 0}".formatted(a, b));

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().path("resource_provider_generation").asInt()).isEqualTo(1);
        assertThat(put.body().path("aggregates").size()).isEqualTo(2);

        Response stale = placement.call("PUT", path, "1.23",
                "{\"aggregates\": [], \"resource_provider_generation\": 0}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("placement.concurrent_update");
        assertThat(placement.get(path, "1.19").body().path("aggregates").size()).isEqualTo(2);

        Response emptied = placement.call("PUT", path, "1.19", "{\"aggregates\": [], \"resource_provider_generation\": 1}");
        assertThat(emptied.body().path("aggregates").isEmpty()).isTrue();
        assertThat(emptied.body().path("resource_provider_generation").asInt()).isEqualTo(2);
    }

    @ParameterizedTest(name = "body {0} is a 400 at 1.19")
    @ValueSource(strings = {
            "[\"4a8c4d34-4cd7-4b7e-9f3e-6b1f1d1f0a00\"]",
            "{\"aggregates\": [\"4a8c4d34-4cd7-4b7e-9f3e-6b1f1d1f0a00\"]}",
            "{\"aggregates\": [\"not-a-uuid\"], \"resource_provider_generation\": 0}",
            "{\"aggregates\": [\"4a8c4d34-4cd7-4b7e-9f3e-6b1f1d1f0a00\", \"4a8c4d34-4cd7-4b7e-9f3e-6b1f1d1f0a00\"], \"resource_provider_generation\": 0}",
            "{\"aggregates\": [], \"resource_provider_generation\": 0, \"extra\": 1}"})
    void malformedAggregateBodiesAreRefusedAndChangeNothing(String body) {
        assertThat(placement.call("PUT", path, "1.19", body).status()).isEqualTo(400);
        assertThat(placement.get(path, "1.19").body().path("aggregates").isEmpty()).isTrue();
        assertThat(fixtures.generation(provider)).isZero();
    }

    @Test
    void anObjectBodyIsA400BeforeMicroversion1_19() {
        assertThat(placement.call("PUT", path, "1.18", "{\"aggregates\": [], \"resource_provider_generation\": 0}")
                .status()).isEqualTo(400);
    }

    @Test
    void anUnknownProviderIsA404AndAMemberTokenA403() {
        assertThat(placement.get("/resource_providers/" + UUID.randomUUID() + "/aggregates", "1.19").status())
                .isEqualTo(404);
        assertThat(placement.as(TOKENS.member("p")).call("PUT", path, "1.19",
                "{\"aggregates\": [], \"resource_provider_generation\": 0}").status()).isEqualTo(403);
        assertThat(fixtures.generation(provider)).isZero();
    }
}
