package io.gpucloud.scheduler.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementClient.Response;
import io.gpucloud.scheduler.PlacementTestBase;
import io.gpucloud.scheduler.provider.ProviderFixtures;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class InventoryApiTest extends PlacementTestBase {

    @Autowired
    JdbcClient jdbc;

    ProviderFixtures fixtures;
    UUID provider;
    String inventories;

    @BeforeEach
    void provider() {
        fixtures = new ProviderFixtures(placement, jdbc);
        provider = fixtures.provider(ProviderFixtures.unique("gpu-host"));
        inventories = "/resource_providers/" + provider + "/inventories";
    }

    private Response putAll(String version, int generation, String byClass) {
        return placement.call("PUT", inventories, version,
                "{\"resource_provider_generation\": %d, \"inventories\": %s}".formatted(generation, byClass));
    }

    private JsonNode current() {
        return placement.get(inventories, "1.26").body();
    }

    @Test
    void puttingAllInventoriesFillsInTheDefaultsAndMovesTheGenerationOn() {
        Response put = putAll("1.26", 0, "{\"VCPU\": {\"total\": 64, \"allocation_ratio\": 4.0}, \"PGPU\": {\"total\": 8}}");

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().path("resource_provider_generation").asInt()).isEqualTo(1);
        JsonNode pgpu = put.body().path("inventories").path("PGPU");
        assertThat(pgpu.path("total").asInt()).isEqualTo(8);
        assertThat(pgpu.path("reserved").asInt()).isZero();
        assertThat(pgpu.path("min_unit").asInt()).isEqualTo(1);
        assertThat(pgpu.path("max_unit").asInt()).isEqualTo(Integer.MAX_VALUE);
        assertThat(pgpu.path("step_size").asInt()).isEqualTo(1);
        assertThat(pgpu.path("allocation_ratio").asDouble()).isEqualTo(1.0);
        assertThat(current().path("inventories").path("VCPU").path("allocation_ratio").asDouble()).isEqualTo(4.0);
        assertThat(fixtures.generation(provider)).isEqualTo(1);
    }

    @Test
    void puttingAllInventoriesRemovesTheClassesLeftOut() {
        putAll("1.26", 0, "{\"VCPU\": {\"total\": 64}, \"PGPU\": {\"total\": 8}}");
        Response put = putAll("1.26", 1, "{\"PGPU\": {\"total\": 4}}");

        assertThat(put.status()).isEqualTo(200);
        assertThat(current().path("inventories").propertyNames()).containsExactly("PGPU");
        assertThat(current().path("inventories").path("PGPU").path("total").asInt()).isEqualTo(4);
    }

    @Test
    void aStaleGenerationIsA409AndChangesNothing() {
        putAll("1.26", 0, "{\"VCPU\": {\"total\": 64}}");

        Response stale = putAll("1.26", 0, "{\"VCPU\": {\"total\": 1}}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("placement.concurrent_update");
        Response staleOne = placement.call("PUT", inventories + "/VCPU", "1.26",
                "{\"resource_provider_generation\": 0, \"total\": 1}");
        assertThat(staleOne.status()).isEqualTo(409);
        Response stalePost = placement.call("POST", inventories, "1.26",
                "{\"resource_provider_generation\": 0, \"resource_class\": \"PGPU\", \"total\": 1}");
        assertThat(stalePost.status()).isEqualTo(409);
        assertThat(current().path("inventories").path("VCPU").path("total").asInt()).isEqualTo(64);
        assertThat(current().path("inventories").has("PGPU")).isFalse();
        assertThat(current().path("resource_provider_generation").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} is a 400")
    @CsvSource(delimiter = '|', value = {
            "an unknown class                  | {\"CUSTOM_NO_SUCH_CLASS\": {\"total\": 1}}",
            "a lower-case class name           | {\"vcpu\": {\"total\": 1}}",
            "a zero total                      | {\"VCPU\": {\"total\": 0}}",
            "a negative total                  | {\"VCPU\": {\"total\": -4}}",
            "a missing total                   | {\"VCPU\": {\"reserved\": 0}}",
            "a total beyond 32 bits            | {\"VCPU\": {\"total\": 2147483648}}",
            "a fractional total                | {\"VCPU\": {\"total\": 1.5}}",
            "a negative reserved               | {\"VCPU\": {\"total\": 4, \"reserved\": -1}}",
            "reserved above total              | {\"VCPU\": {\"total\": 4, \"reserved\": 5}}",
            "a zero min_unit                   | {\"VCPU\": {\"total\": 4, \"min_unit\": 0}}",
            "max_unit below min_unit           | {\"VCPU\": {\"total\": 4, \"min_unit\": 2, \"max_unit\": 1}}",
            "a zero step_size                  | {\"VCPU\": {\"total\": 4, \"step_size\": 0}}",
            "a zero allocation_ratio           | {\"VCPU\": {\"total\": 4, \"allocation_ratio\": 0}}",
            "a negative allocation_ratio       | {\"VCPU\": {\"total\": 4, \"allocation_ratio\": -1.0}}",
            "an unknown field                  | {\"VCPU\": {\"total\": 4, \"colour\": \"blue\"}}"})
    void invalidInventoriesAreRefusedAndChangeNothing(String what, String byClass) {
        putAll("1.26", 0, "{\"VCPU\": {\"total\": 64}}");

        Response refused = putAll("1.26", 1, byClass);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(current().path("inventories").path("VCPU").path("total").asInt()).isEqualTo(64);
        assertThat(current().path("resource_provider_generation").asInt()).isEqualTo(1);
    }

    @Test
    void reservedMayEqualTotalOnlyFromMicroversion1_26() {
        assertThat(putAll("1.25", 0, "{\"VCPU\": {\"total\": 4, \"reserved\": 4}}").status()).isEqualTo(400);
        assertThat(fixtures.generation(provider)).isZero();
        assertThat(putAll("1.26", 0, "{\"VCPU\": {\"total\": 4, \"reserved\": 4}}").status()).isEqualTo(200);
    }

    @Test
    void postingAnInventoryAddsOneClassWithALocation() {
        Response created = placement.call("POST", inventories, "1.26",
                "{\"resource_class\": \"PGPU\", \"total\": 8, \"max_unit\": 4}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(inventories + "/PGPU");
        assertThat(created.body().path("max_unit").asInt()).isEqualTo(4);
        assertThat(created.body().path("resource_provider_generation").asInt()).isEqualTo(1);
        Response again = placement.call("POST", inventories, "1.26", "{\"resource_class\": \"PGPU\", \"total\": 8}");
        assertThat(again.status()).isEqualTo(409);
        Response unknown = placement.call("POST", inventories, "1.26",
                "{\"resource_class\": \"CUSTOM_NO_SUCH_CLASS\", \"total\": 8}");
        assertThat(unknown.status()).isEqualTo(400);
    }

    @Test
    void oneInventoryCanBeReadAndUpdatedButOnlyIfItExists() {
        putAll("1.26", 0, "{\"VCPU\": {\"total\": 64}}");

        Response shown = placement.get(inventories + "/VCPU", "1.26");
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body().path("total").asInt()).isEqualTo(64);
        assertThat(shown.body().path("resource_provider_generation").asInt()).isEqualTo(1);
        assertThat(placement.get(inventories + "/PGPU", "1.26").status()).isEqualTo(404);

        Response updated = placement.call("PUT", inventories + "/VCPU", "1.26",
                "{\"resource_provider_generation\": 1, \"total\": 128, \"reserved\": 8}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().path("reserved").asInt()).isEqualTo(8);
        assertThat(updated.body().path("resource_provider_generation").asInt()).isEqualTo(2);

        Response absent = placement.call("PUT", inventories + "/PGPU", "1.26",
                "{\"resource_provider_generation\": 2, \"total\": 8}");
        assertThat(absent.status()).isEqualTo(400);
        assertThat(current().path("inventories").has("PGPU")).isFalse();
    }

    @Test
    void deletingOneInventoryRemovesItAndAMissingOneIsA404() {
        putAll("1.26", 0, "{\"VCPU\": {\"total\": 64}, \"PGPU\": {\"total\": 8}}");

        assertThat(placement.call("DELETE", inventories + "/PGPU", "1.26", null).status()).isEqualTo(204);
        assertThat(current().path("inventories").propertyNames()).containsExactly("VCPU");
        assertThat(current().path("resource_provider_generation").asInt()).isEqualTo(2);
        assertThat(placement.call("DELETE", inventories + "/PGPU", "1.26", null).status()).isEqualTo(404);
    }

    @Test
    void deletingAllInventoriesExistsFromMicroversion1_5() {
        putAll("1.26", 0, "{\"VCPU\": {\"total\": 64}}");

        assertThat(placement.call("DELETE", inventories, "1.4", null).status()).isEqualTo(405);
        assertThat(current().path("inventories").has("VCPU")).isTrue();
        assertThat(placement.call("DELETE", inventories, "1.5", null).status()).isEqualTo(204);
        assertThat(current().path("inventories").isEmpty()).isTrue();
        assertThat(current().path("resource_provider_generation").asInt()).isEqualTo(2);
    }

    @Test
    void anInventoryWithAllocationsCannotBeRemovedInAnyWay() {
        putAll("1.26", 0, "{\"VCPU\": {\"total\": 64}, \"PGPU\": {\"total\": 8}}");
        fixtures.allocate(provider, "PGPU", 2);

        Response byPut = putAll("1.26", 1, "{\"VCPU\": {\"total\": 64}}");
        Response byDelete = placement.call("DELETE", inventories + "/PGPU", "1.26", null);
        Response byDeleteAll = placement.call("DELETE", inventories, "1.26", null);

        for (Response refused : new Response[] {byPut, byDelete, byDeleteAll}) {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.errorCode()).isEqualTo("placement.inventory.inuse");
        }
        assertThat(byPut.body().path("errors").get(0).path("detail").asString())
                .isEqualTo("Inventory for 'PGPU' on resource provider '" + provider + "' in use.");
        assertThat(current().path("inventories").propertyNames()).containsExactlyInAnyOrder("VCPU", "PGPU");
        assertThat(current().path("resource_provider_generation").asInt()).isEqualTo(1);
    }

    @Test
    void shrinkingAnInventoryBelowItsAllocationsIsAcceptedAsInPlacementAndBlocksNewClaims() {
        putAll("1.26", 0, "{\"PGPU\": {\"total\": 8}}");
        fixtures.allocate(provider, "PGPU", 6);

        Response shrunk = putAll("1.26", 1, "{\"PGPU\": {\"total\": 8, \"reserved\": 4}}");

        assertThat(shrunk.status()).isEqualTo(200);
        Response candidates = placement.get("/resource_providers?uuid=" + provider + "&resources=PGPU:1", "1.26");
        assertThat(candidates.body().path("resource_providers").isEmpty()).isTrue();
        assertThat(placement.get("/resource_providers/" + provider + "/usages", "1.26").body()
                .path("usages").path("PGPU").asInt()).isEqualTo(6);
    }

    @Test
    void anUnknownProviderIsA404AndAMalformedOneA400() {
        assertThat(placement.get("/resource_providers/" + UUID.randomUUID() + "/inventories", "1.26").status())
                .isEqualTo(404);
        assertThat(placement.get("/resource_providers/nope/inventories", "1.26").status()).isEqualTo(400);
        assertThat(placement.call("PUT", "/resource_providers/" + UUID.randomUUID() + "/inventories", "1.26",
                "{\"resource_provider_generation\": 0, \"inventories\": {}}").status()).isEqualTo(404);
    }

    @Test
    void aMemberTokenCannotReadOrWriteInventories() {
        var member = placement.as(TOKENS.member("p"));
        assertThat(member.get(inventories, "1.26").status()).isEqualTo(403);
        assertThat(member.call("PUT", inventories, "1.26",
                "{\"resource_provider_generation\": 0, \"inventories\": {\"VCPU\": {\"total\": 1}}}").status())
                .isEqualTo(403);
        assertThat(current().path("inventories").isEmpty()).isTrue();
    }
}
