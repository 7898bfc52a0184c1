package io.gpucloud.scheduler.allocation;

import static io.gpucloud.scheduler.allocation.AllocationApiTest.dict;
import static io.gpucloud.scheduler.allocation.AllocationApiTest.owner;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementClient.Response;
import io.gpucloud.scheduler.PlacementTestBase;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes that must be refused, each with its status and leaving everything as it was: the consumer's
 * allocations, the provider's usage and generation, and no consumer created.
 */
class AllocationRejectionTest extends PlacementTestBase {

    @Autowired
    JdbcClient jdbc;

    Providers providers;
    UUID provider;
    UUID consumer;
    String before;
    int generationBefore;

    @BeforeEach
    void aConsumerHoldingTwoOfFourGpus() {
        providers = new Providers(jdbc);
        provider = providers.aProvider();
        providers.withInventory(provider, "PGPU", 4, 0, 1, 4, 1, 1.0)
                .withInventory(provider, "VCPU", 16, 0, 2, 8, 2, 1.0);
        consumer = UUID.randomUUID();
        assertThat(put(consumer, "1.28", dict(provider, "PGPU", 2, owner() + ", \"consumer_generation\": null"))
                .status()).isEqualTo(204);
        before = placement.get("/allocations/" + consumer, "1.38").body().toString();
        generationBefore = providers.generationOf(provider);
    }

    @AfterEach
    void nothingChanged() {
        assertThat(placement.get("/allocations/" + consumer, "1.38").body().toString()).isEqualTo(before);
        assertThat(providers.usedOf(provider, "PGPU")).isEqualTo(2);
        assertThat(providers.usedOf(provider, "VCPU")).isZero();
        assertThat(providers.generationOf(provider)).isEqualTo(generationBefore);
    }

    @Test
    void anUnknownProviderIsABadRequest() {
        UUID unknown = UUID.randomUUID();
        Response response = put(consumer, "1.28", dict(unknown, "PGPU", 1, owner() + ", \"consumer_generation\": 1"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(detail(response)).isEqualTo("Allocation for resource provider '" + unknown + "' that does not exist.");
    }

    @Test
    void aNewConsumersClaimNamingAnUnknownProviderBesideAKnownOneIsABadRequestThatLocksAndCreatesNothing() {
        UUID other = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        Response response = put(other, "1.28", "{\"allocations\": {\"" + provider
                + "\": {\"resources\": {\"PGPU\": 1}}, \"" + unknown + "\": {\"resources\": {\"PGPU\": 1}}}, "
                + owner() + ", \"consumer_generation\": null}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(detail(response)).isEqualTo("Allocation for resource provider '" + unknown + "' that does not exist.");
        assertThat(providers.consumerExists(other)).isFalse();
    }

    @Test
    void claimingAsANewConsumerForOneThatExistsIsAConcurrentUpdate() {
        Response response = put(consumer, "1.28", dict(provider, "PGPU", 1, owner() + ", \"consumer_generation\": null"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.errorCode()).isEqualTo("placement.concurrent_update");
    }

    @Test
    void anUnknownResourceClassIsABadRequest() {
        Response response = put(consumer, "1.28",
                dict(provider, "CUSTOM_NO_SUCH_CLASS", 1, owner() + ", \"consumer_generation\": 1"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(detail(response)).contains("No such resource class CUSTOM_NO_SUCH_CLASS");
    }

    @Test
    void aClassTheProviderHasNoInventoryOfIsAConflictAsInPlacement() {
        Response response = put(consumer, "1.28", dict(provider, "MEMORY_MB", 1, owner() + ", \"consumer_generation\": 1"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(detail(response)).isEqualTo("Unable to allocate inventory: Inventory for 'MEMORY_MB' on resource "
                + "provider '" + provider + "' invalid.");
    }

    @Test
    void claimingMoreThanIsLeftIsAConflictThatNamesClassAndProvider() {
        UUID other = UUID.randomUUID();
        Response response = put(other, "1.28", dict(provider, "PGPU", 3, owner() + ", \"consumer_generation\": null"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(detail(response)).isEqualTo("Unable to allocate inventory: Unable to create allocation for 'PGPU' "
                + "on resource provider '" + provider + "'. The requested amount would exceed the capacity.");
        assertThat(providers.consumerExists(other)).isFalse();
    }

    @Test
    void amountsOutsideMinUnitMaxUnitOrStepSizeAreConflicts() {
        for (int amount : new int[] {1, 10, 3}) {
            Response response = put(UUID.randomUUID(), "1.12", dict(provider, "VCPU", amount, owner()));
            assertThat(response.status()).as("VCPU %d", amount).isEqualTo(409);
            assertThat(detail(response)).endsWith("The requested amount would violate inventory constraints.");
        }
    }

    @Test
    void aStaleConsumerGenerationIsAConcurrentUpdate() {
        Response response = put(consumer, "1.28", dict(provider, "PGPU", 1, owner() + ", \"consumer_generation\": 0"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.errorCode()).isEqualTo("placement.concurrent_update");
    }

    @Test
    void from1_8ProjectAndUserAreRequiredAndBeforeTheyAreNotAllowed() {
        assertThat(put(consumer, "1.8", dict(provider, "PGPU", 1, "\"user_id\": \"u\"")).status()).isEqualTo(400);
        assertThat(put(consumer, "1.28", dict(provider, "PGPU", 1, "\"user_id\": \"u\", \"consumer_generation\": 1"))
                .status()).isEqualTo(400);
        assertThat(put(consumer, "1.7", """
                {"allocations": [{"resource_provider": {"uuid": "%s"}, "resources": {"PGPU": 1}}], %s}
                """.formatted(provider, owner())).status()).isEqualTo(400);
        assertThat(put(consumer, "1.12", dict(provider, "PGPU", 1, "\"project_id\": \"\", \"user_id\": \"u\"")).status())
                .isEqualTo(400);
    }

    @Test
    void eachFormIsAcceptedOnlyAtItsMicroversions() {
        String listForm = """
                {"allocations": [{"resource_provider": {"uuid": "%s"}, "resources": {"PGPU": 1}}], %s}
                """.formatted(provider, owner());
        assertThat(put(consumer, "1.12", listForm).status()).isEqualTo(400);
        assertThat(put(consumer, "1.11", dict(provider, "PGPU", 1, owner())).status()).isEqualTo(400);
    }

    @Test
    void malformedBodiesAreBadRequests() {
        assertThat(put(consumer, "1.12", "{\"allocations\": ").status()).isEqualTo(400);
        assertThat(put(consumer, "1.12", "[]").status()).isEqualTo(400);
        assertThat(put(consumer, "1.12", dict(provider, "PGPU", 0, owner())).status()).isEqualTo(400);
        assertThat(put(consumer, "1.12", dict(provider, "PGPU", 1, owner() + ", \"extra\": 1")).status()).isEqualTo(400);
        assertThat(put(consumer, "1.12", "{\"allocations\": {\"not-a-uuid\": {\"resources\": {\"PGPU\": 1}}}, "
                + owner() + "}").status()).isEqualTo(400);
        assertThat(put(consumer, "1.12", "{\"allocations\": {\"%s\": {\"resources\": {\"PGPU\": 1.5}}}, %s}"
                .formatted(provider, owner())).status()).isEqualTo(400);
        assertThat(placement.call("PUT", "/allocations/not-a-uuid", "1.12", dict(provider, "PGPU", 1, owner())).status())
                .isEqualTo(400);
        assertThat(placement.call("POST", "/allocations", "1.13", "{}").status()).isEqualTo(400);
    }

    @Test
    void aMemberTokenMayNeitherReadNorWriteAllocations() {
        var member = placement.as(TOKENS.member("p"));

        assertThat(member.call("PUT", "/allocations/" + consumer, "1.12", dict(provider, "PGPU", 1, owner())).status())
                .isEqualTo(403);
        assertThat(member.call("DELETE", "/allocations/" + consumer, "1.12", null).status()).isEqualTo(403);
        assertThat(member.get("/allocations/" + consumer, "1.12").status()).isEqualTo(403);
        assertThat(member.get("/usages?project_id=p", "1.12").status()).isEqualTo(403);
    }

    private Response put(UUID consumer, String version, String body) {
        return placement.call("PUT", "/allocations/" + consumer, version, body);
    }

    private static String detail(Response response) {
        return response.body().path("errors").get(0).path("detail").asString();
    }
}
