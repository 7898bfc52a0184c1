package io.gpucloud.scheduler.trait;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementClient.Response;
import io.gpucloud.scheduler.PlacementTestBase;
import io.gpucloud.scheduler.provider.ProviderFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class TraitApiTest extends PlacementTestBase {

    @Autowired
    JdbcClient jdbc;

    ProviderFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new ProviderFixtures(placement, jdbc);
    }

    private List<String> traits(String query) {
        Response listed = placement.get("/traits" + query, "1.6");
        assertThat(listed.status()).as(listed.raw().body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        listed.body().path("traits").forEach(t -> names.add(t.asString()));
        return names;
    }

    @Test
    void traitsDoNotExistBeforeMicroversion1_6() {
        assertThat(placement.get("/traits", "1.5").status()).isEqualTo(404);
        assertThat(placement.get("/resource_providers/" + UUID.randomUUID() + "/traits", "1.5").status()).isEqualTo(404);
    }

    @Test
    void aCustomTraitIsCreatedThenFoundAndPuttingItAgainIsA204() {
        String name = ProviderFixtures.uniqueCustom("GPU_A100");
        assertThat(placement.get("/traits/" + name, "1.6").status()).isEqualTo(404);

        Response created = placement.call("PUT", "/traits/" + name, "1.6", null);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/traits/" + name);
        assertThat(placement.call("PUT", "/traits/" + name, "1.6", null).status()).isEqualTo(204);
        assertThat(placement.get("/traits/" + name, "1.6").status()).isEqualTo(204);
    }

    @ParameterizedTest(name = "\"{0}\" cannot be created")
    @ValueSource(strings = {"GPU_A100", "CUSTOM_lower", "CUSTOM_", "HW_CPU_X86_AVX2"})
    void onlyCustomTraitsCanBeCreated(String name) {
        assertThat(placement.call("PUT", "/traits/" + name, "1.6", null).status()).isEqualTo(400);
    }

    @Test
    void theListFiltersByPrefixByNameAndByAssociation() {
        String prefix = ProviderFixtures.uniqueCustom("LIST");
        String used = prefix + "_USED";
        String unused = prefix + "_UNUSED";
        placement.call("PUT", "/traits/" + unused, "1.6", null);
        fixtures.traits(fixtures.provider(ProviderFixtures.unique("holder")), used);

        assertThat(traits("?name=startswith:" + prefix)).containsExactly(unused, used);
        assertThat(traits("?name=in:" + used + ",HW_CPU_X86_AVX2")).containsExactly(used, "HW_CPU_X86_AVX2");
        assertThat(traits("?name=startswith:" + prefix + "&associated=true")).containsExactly(used);
        assertThat(traits("?name=startswith:" + prefix + "&associated=FALSE")).containsExactly(unused);
        assertThat(traits("")).contains("HW_CPU_X86_AVX2", "COMPUTE_NODE", used);
    }

    @ParameterizedTest(name = "?{0} is a 400")
    @ValueSource(strings = {"name=CUSTOM_X", "name=endswith:X", "associated=yes", "colour=blue", "name=in:A&name=in:B"})
    void badTraitQueryStringsAreA400(String query) {
        assertThat(placement.get("/traits?" + query, "1.6").status()).isEqualTo(400);
    }

    @Test
    void deletingATraitRemovesItUnlessItIsStandardOrInUse() {
        String unused = ProviderFixtures.uniqueCustom("GONE");
        String used = ProviderFixtures.uniqueCustom("KEPT");
        placement.call("PUT", "/traits/" + unused, "1.6", null);
        fixtures.traits(fixtures.provider(ProviderFixtures.unique("holder")), used);

        assertThat(placement.call("DELETE", "/traits/" + unused, "1.6", null).status()).isEqualTo(204);
        assertThat(placement.get("/traits/" + unused, "1.6").status()).isEqualTo(404);
        assertThat(placement.call("DELETE", "/traits/" + unused, "1.6", null).status()).isEqualTo(404);
        assertThat(placement.call("DELETE", "/traits/" + used, "1.6", null).status()).isEqualTo(409);
        assertThat(placement.call("DELETE", "/traits/HW_CPU_X86_AVX2", "1.6", null).status()).isEqualTo(400);
        assertThat(placement.get("/traits/" + used, "1.6").status()).isEqualTo(204);
        assertThat(placement.get("/traits/HW_CPU_X86_AVX2", "1.6").status()).isEqualTo(204);
    }

    @Test
    void aProvidersTraitsAreReplacedWithItsGenerationAndAnUnchangedSetLeavesTheGeneration() {
        UUID provider = fixtures.provider(ProviderFixtures.unique("host"));
        String path = "/resource_providers/" + provider + "/traits";

        Response put = placement.call("PUT", path, "1.6",
                "{\"traits\": [\"HW_CPU_X86_AVX2\", \"COMPUTE_NODE\"], \"resource_provider_generation\": 0}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().path("resource_provider_generation").asInt()).isEqualTo(1);
        JsonNode shown = placement.get(path, "1.6").body();
        assertThat(shown.path("traits").get(0).asString()).isEqualTo("COMPUTE_NODE");
        assertThat(shown.path("traits").get(1).asString()).isEqualTo("HW_CPU_X86_AVX2");
        assertThat(shown.path("resource_provider_generation").asInt()).isEqualTo(1);

        Response same = placement.call("PUT", path, "1.6",
                "{\"traits\": [\"COMPUTE_NODE\", \"HW_CPU_X86_AVX2\"], \"resource_provider_generation\": 1}");
        assertThat(same.body().path("resource_provider_generation").asInt()).isEqualTo(1);
    }

    @Test
    void aStaleGenerationOrAnUnknownTraitIsRefusedAndChangesNothing() {
        UUID provider = fixtures.provider(ProviderFixtures.unique("host"));
        String path = "/resource_providers/" + provider + "/traits";
        placement.call("PUT", path, "1.6", "{\"traits\": [\"COMPUTE_NODE\"], \"resource_provider_generation\": 0}");

        Response stale = placement.call("PUT", path, "1.23",
                "{\"traits\": [\"HW_CPU_X86_AVX2\"], \"resource_provider_generation\": 0}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("placement.concurrent_update");
        Response unknown = placement.call("PUT", path, "1.23",
                "{\"traits\": [\"CUSTOM_NO_SUCH_TRAIT\"], \"resource_provider_generation\": 1}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("errors").get(0).path("detail").asString()).contains("CUSTOM_NO_SUCH_TRAIT");
        Response duplicated = placement.call("PUT", path, "1.23",
                "{\"traits\": [\"COMPUTE_NODE\", \"COMPUTE_NODE\"], \"resource_provider_generation\": 1}");
        assertThat(duplicated.status()).isEqualTo(400);
        Response noGeneration = placement.call("PUT", path, "1.23", "{\"traits\": []}");
        assertThat(noGeneration.status()).isEqualTo(400);

        JsonNode shown = placement.get(path, "1.6").body();
        assertThat(shown.path("traits").size()).isEqualTo(1);
        assertThat(shown.path("resource_provider_generation").asInt()).isEqualTo(1);
    }

    @Test
    void deletingAProvidersTraitsClearsThemAndMovesTheGenerationOn() {
        UUID provider = fixtures.provider(ProviderFixtures.unique("host"));
        fixtures.traits(provider, "COMPUTE_NODE");
        String path = "/resource_providers/" + provider + "/traits";

        assertThat(placement.call("DELETE", path, "1.6", null).status()).isEqualTo(204);
        JsonNode shown = placement.get(path, "1.6").body();
        assertThat(shown.path("traits").isEmpty()).isTrue();
        assertThat(shown.path("resource_provider_generation").asInt()).isEqualTo(2);
        assertThat(placement.call("DELETE", "/resource_providers/" + UUID.randomUUID() + "/traits", "1.6", null).status())
                .isEqualTo(404);
    }

    @Test
    void aMemberTokenCannotManageTraits() {
        String name = ProviderFixtures.uniqueCustom("SNEAKY");
        var member = placement.as(TOKENS.member("p"));
        assertThat(member.call("PUT", "/traits/" + name, "1.6", null).status()).isEqualTo(403);
        assertThat(member.get("/traits", "1.6").status()).isEqualTo(403);
        assertThat(placement.get("/traits/" + name, "1.6").status()).isEqualTo(404);
    }
}
