package io.gpucloud.scheduler.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementClient.Response;
import io.gpucloud.scheduler.PlacementTestBase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code /allocations} and {@code /resource_providers/{uuid}/allocations}, call by call and version by version. */
class AllocationApiTest extends PlacementTestBase {

    @Autowired
    JdbcClient jdbc;

    Providers providers;

    @BeforeEach
    void providers() {
        providers = new Providers(jdbc);
    }

    @Test
    void aConsumerThatHoldsNothingListsOnlyAnEmptyDictAtEveryVersion() {
        for (String version : List.of("1.0", "1.12", "1.28", "1.38")) {
            Response response = placement.get("/allocations/" + UUID.randomUUID(), version);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().toString()).isEqualTo("{\"allocations\":{}}");
        }
        assertThat(placement.get("/allocations/not-a-uuid", "1.28").body().toString()).isEqualTo("{\"allocations\":{}}");
    }

    @Test
    void theListFormBefore1_12ClaimsForAnIncompleteConsumer() {
        UUID provider = providers.aProviderWith("PGPU", 4);
        UUID consumer = UUID.randomUUID();

        Response put = placement.call("PUT", "/allocations/" + consumer, "1.0", """
                {"allocations": [{"resource_provider": {"uuid": "%s"}, "resources": {"PGPU": 2}}]}
                """.formatted(provider));

        assertThat(put.status()).isEqualTo(204);
        Response old = placement.get("/allocations/" + consumer, "1.0");
        assertThat(old.body().path("allocations").path(provider.toString()).path("resources").path("PGPU").asInt())
                .isEqualTo(2);
        assertThat(old.body().path("allocations").path(provider.toString()).path("generation").asInt())
                .isEqualTo(providers.generationOf(provider));
        assertThat(old.body().has("project_id")).isFalse();
        assertThat(placement.get("/allocations/" + consumer, "1.12").body().path("project_id").asString())
                .isEqualTo("00000000-0000-0000-0000-000000000000");
    }

    @Test
    void theDictFormFrom1_12RecordsProjectAndUserAndLaterVersionsShowGenerationAndType() {
        UUID provider = providers.aProviderWith("PGPU", 4);
        UUID consumer = UUID.randomUUID();

        assertThat(put(consumer, "1.12", dict(provider, "PGPU", 1, "\"project_id\": \"p1\", \"user_id\": \"u1\""))
                .status()).isEqualTo(204);

        Response v12 = placement.get("/allocations/" + consumer, "1.12");
        assertThat(v12.body().path("project_id").asString()).isEqualTo("p1");
        assertThat(v12.body().path("user_id").asString()).isEqualTo("u1");
        assertThat(v12.body().has("consumer_generation")).isFalse();
        assertThat(placement.get("/allocations/" + consumer, "1.28").body().path("consumer_generation").asInt())
                .isEqualTo(1);
        Response v38 = placement.get("/allocations/" + consumer, "1.38");
        assertThat(v38.body().path("consumer_type").asString()).isEqualTo("unknown");
        assertThat(v38.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void from1_28EachWriteNamesTheConsumerGenerationItRead() {
        UUID provider = providers.aProviderWith("PGPU", 4);
        UUID consumer = UUID.randomUUID();

        assertThat(put(consumer, "1.28", dict(provider, "PGPU", 1, owner() + ", \"consumer_generation\": null"))
                .status()).isEqualTo(204);
        assertThat(generationOf(consumer)).isEqualTo(1);
        assertThat(put(consumer, "1.28", dict(provider, "PGPU", 2, owner() + ", \"consumer_generation\": 1"))
                .status()).isEqualTo(204);
        assertThat(generationOf(consumer)).isEqualTo(2);

        Response stale = put(consumer, "1.28", dict(provider, "PGPU", 3, owner() + ", \"consumer_generation\": 1"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("placement.concurrent_update");
        assertThat(stale.body().path("errors").get(0).path("detail").asString())
                .contains("consumer generation conflict - expected 2 but got 1");
        Response asNew = put(consumer, "1.28", dict(provider, "PGPU", 3, owner() + ", \"consumer_generation\": null"));
        assertThat(asNew.status()).isEqualTo(409);
        assertThat(providers.usedOf(provider, "PGPU")).isEqualTo(2);

        Response missing = put(consumer, "1.28", dict(provider, "PGPU", 3, owner()));
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void aNewConsumerNamingAGenerationIsAConflict() {
        UUID provider = providers.aProviderWith("PGPU", 4);
        UUID consumer = UUID.randomUUID();

        Response response = put(consumer, "1.28", dict(provider, "PGPU", 1, owner() + ", \"consumer_generation\": 5"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.errorCode()).isEqualTo("placement.concurrent_update");
        assertThat(response.body().path("errors").get(0).path("detail").asString()).contains("expected null but got 5");
        assertThat(providers.consumerExists(consumer)).isFalse();
    }

    @Test
    void replacingAConsumersAllocationsFreesTheOldOnesInTheSameWrite() {
        UUID first = providers.aProviderWith("PGPU", 2);
        UUID second = providers.aProviderWith("PGPU", 2);
        UUID consumer = UUID.randomUUID();
        put(consumer, "1.12", dict(first, "PGPU", 2, owner()));
        int firstGeneration = providers.generationOf(first);

        assertThat(put(consumer, "1.12", dict(second, "PGPU", 2, owner())).status()).isEqualTo(204);

        assertThat(providers.usedOf(first, "PGPU")).isZero();
        assertThat(providers.usedOf(second, "PGPU")).isEqualTo(2);
        assertThat(providers.generationOf(first)).isEqualTo(firstGeneration + 1);
        assertThat(placement.get("/allocations/" + consumer, "1.12").body().path("allocations").propertyNames())
                .containsExactly(second.toString());
        // Replacing in place: the consumer's own old amount does not count against the new one.
        assertThat(put(consumer, "1.12", dict(second, "PGPU", 1, owner())).status()).isEqualTo(204);
        assertThat(providers.usedOf(second, "PGPU")).isEqualTo(1);
    }

    @Test
    void oneConsumerMayClaimFromSeveralProvidersAndClassesAtOnce() {
        UUID host = providers.aProviderWith("VCPU", 16);
        providers.withInventory(host, "MEMORY_MB", 65536, 512, 1, 65536, 1, 1.5);
        UUID gpu = providers.aProviderWith("PGPU", 1);
        UUID consumer = UUID.randomUUID();

        Response response = put(consumer, "1.38", """
                {"allocations": {"%s": {"resources": {"VCPU": 8, "MEMORY_MB": 65536}},
                                 "%s": {"resources": {"PGPU": 1}, "generation": 99}},
                 "project_id": "p", "user_id": "u", "consumer_generation": null, "consumer_type": "INSTANCE",
                 "mappings": {"_GPU": ["%s"]}}
                """.formatted(host, gpu, gpu));

        assertThat(response.status()).isEqualTo(204);
        Response listed = placement.get("/allocations/" + consumer, "1.38");
        assertThat(listed.body().path("allocations").path(host.toString()).path("resources").path("MEMORY_MB").asInt())
                .isEqualTo(65536);
        assertThat(listed.body().path("allocations").path(gpu.toString()).path("resources").path("PGPU").asInt())
                .isEqualTo(1);
        assertThat(listed.body().path("consumer_type").asString()).isEqualTo("INSTANCE");
    }

    @Test
    void from1_28AnEmptyAllocationsDictRemovesThemAndTheConsumerButBeforeItIsRejected() {
        UUID provider = providers.aProviderWith("PGPU", 4);
        UUID consumer = UUID.randomUUID();
        put(consumer, "1.28", dict(provider, "PGPU", 1, owner() + ", \"consumer_generation\": null"));

        assertThat(put(consumer, "1.27", "{\"allocations\": {}, " + owner() + "}").status()).isEqualTo(400);
        assertThat(put(consumer, "1.28", "{\"allocations\": {}, " + owner() + ", \"consumer_generation\": 1}").status())
                .isEqualTo(204);

        assertThat(providers.usedOf(provider, "PGPU")).isZero();
        assertThat(providers.consumerExists(consumer)).isFalse();
        assertThat(placement.get("/allocations/" + consumer, "1.28").body().toString()).isEqualTo("{\"allocations\":{}}");
        // Gone means new again: the next writer expects no generation.
        assertThat(put(consumer, "1.28", dict(provider, "PGPU", 1, owner() + ", \"consumer_generation\": null"))
                .status()).isEqualTo(204);
    }

    @Test
    void from1_38TheConsumerTypeIsRequiredAndMayChange() {
        UUID provider = providers.aProviderWith("PGPU", 4);
        UUID consumer = UUID.randomUUID();
        String base = owner() + ", \"consumer_generation\": null";

        assertThat(put(consumer, "1.38", dict(provider, "PGPU", 1, base)).status()).isEqualTo(400);
        assertThat(put(consumer, "1.38", dict(provider, "PGPU", 1, base + ", \"consumer_type\": \"lower\"")).status())
                .isEqualTo(400);
        assertThat(put(consumer, "1.37", dict(provider, "PGPU", 1, base + ", \"consumer_type\": \"INSTANCE\"")).status())
                .isEqualTo(400);
        assertThat(put(consumer, "1.38", dict(provider, "PGPU", 1, base + ", \"consumer_type\": \"INSTANCE\"")).status())
                .isEqualTo(204);
        assertThat(put(consumer, "1.38", dict(provider, "PGPU", 1,
                owner() + ", \"consumer_generation\": 1, \"consumer_type\": \"MIGRATION\"")).status()).isEqualTo(204);
        assertThat(placement.get("/allocations/" + consumer, "1.38").body().path("consumer_type").asString())
                .isEqualTo("MIGRATION");
        // A writer before 1.38 names no type: the consumer keeps its own.
        assertThat(put(consumer, "1.12", dict(provider, "PGPU", 2, owner())).status()).isEqualTo(204);
        assertThat(placement.get("/allocations/" + consumer, "1.38").body().path("consumer_type").asString())
                .isEqualTo("MIGRATION");
    }

    @Test
    void deleteReleasesEverythingAndRemovesTheConsumerAndASecondDeleteIsNotFound() {
        UUID provider = providers.aProviderWith("PGPU", 4);
        UUID consumer = UUID.randomUUID();
        put(consumer, "1.12", dict(provider, "PGPU", 3, owner()));
        int generation = providers.generationOf(provider);

        assertThat(placement.call("DELETE", "/allocations/" + consumer, "1.0", null).status()).isEqualTo(204);

        assertThat(providers.usedOf(provider, "PGPU")).isZero();
        assertThat(providers.consumerExists(consumer)).isFalse();
        assertThat(providers.generationOf(provider)).isEqualTo(generation + 1);
        Response again = placement.call("DELETE", "/allocations/" + consumer, "1.0", null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().path("errors").get(0).path("detail").asString()).contains("No allocations for consumer");
        assertThat(placement.call("DELETE", "/allocations/nonsense", "1.0", null).status()).isEqualTo(404);
    }

    @Test
    void postFrom1_13WritesAndEmptiesSeveralConsumersInOneRequest() {
        UUID provider = providers.aProviderWith("PGPU", 4);
        UUID kept = UUID.randomUUID();
        UUID emptied = UUID.randomUUID();
        UUID added = UUID.randomUUID();
        put(emptied, "1.28", dict(provider, "PGPU", 2, owner() + ", \"consumer_generation\": null"));

        Response response = placement.call("POST", "/allocations", "1.28", """
                {"%s": {"allocations": {"%s": {"resources": {"PGPU": 1}}}, %s, "consumer_generation": null},
                 "%s": {"allocations": {}, %s, "consumer_generation": 1},
                 "%s": {"allocations": {"%s": {"resources": {"PGPU": 3}}}, %s, "consumer_generation": null}}
                """.formatted(kept, provider, owner(), emptied, owner(), added, provider, owner()));

        assertThat(response.status()).isEqualTo(204);
        assertThat(providers.usedOf(provider, "PGPU")).isEqualTo(4);
        assertThat(providers.consumerExists(emptied)).isFalse();
        assertThat(placement.call("POST", "/allocations", "1.12", "{}").status()).isEqualTo(404);
    }

    @Test
    void postIsAllOrNothingWhenOneConsumerDoesNotFit() {
        UUID provider = providers.aProviderWith("PGPU", 4);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        int generation = providers.generationOf(provider);

        Response response = placement.call("POST", "/allocations", "1.13", """
                {"%s": {"allocations": {"%s": {"resources": {"PGPU": 2}}}, %s},
                 "%s": {"allocations": {"%s": {"resources": {"PGPU": 3}}}, %s}}
                """.formatted(first, provider, owner(), second, provider, owner()));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body().path("errors").get(0).path("detail").asString())
                .contains("The requested amount would exceed the capacity.");
        assertThat(providers.usedOf(provider, "PGPU")).isZero();
        assertThat(providers.consumerExists(first)).isFalse();
        assertThat(providers.consumerExists(second)).isFalse();
        assertThat(providers.generationOf(provider)).isEqualTo(generation);
    }

    @Test
    void aProvidersAllocationsListEveryConsumerWithTheProviderGeneration() {
        UUID provider = providers.aProviderWith("PGPU", 4);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        put(first, "1.12", dict(provider, "PGPU", 1, owner()));
        put(second, "1.12", dict(provider, "PGPU", 2, owner()));

        Response old = placement.get("/resource_providers/" + provider + "/allocations", "1.0");
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.body().path("resource_provider_generation").asInt()).isEqualTo(providers.generationOf(provider));
        assertThat(old.body().path("allocations").path(first.toString()).path("resources").path("PGPU").asInt())
                .isEqualTo(1);
        assertThat(old.body().path("allocations").path(second.toString()).has("consumer_generation")).isFalse();
        Response v28 = placement.get("/resource_providers/" + provider + "/allocations", "1.28");
        assertThat(v28.body().path("allocations").path(second.toString()).path("consumer_generation").asInt())
                .isEqualTo(1);

        assertThat(placement.get("/resource_providers/" + UUID.randomUUID() + "/allocations", "1.0").status())
                .isEqualTo(404);
        assertThat(placement.get("/resource_providers/nonsense/allocations", "1.0").status()).isEqualTo(404);
    }

    @Test
    void everyAllocationWriteMovesTheProviderGenerationOn() {
        UUID provider = providers.aProviderWith("PGPU", 4);
        int generation = providers.generationOf(provider);

        put(UUID.randomUUID(), "1.12", dict(provider, "PGPU", 1, owner()));

        assertThat(providers.generationOf(provider)).isEqualTo(generation + 1);
    }

    private Response put(UUID consumer, String version, String body) {
        return placement.call("PUT", "/allocations/" + consumer, version, body);
    }

    private int generationOf(UUID consumer) {
        return placement.get("/allocations/" + consumer, "1.28").body().path("consumer_generation").asInt();
    }

    static String owner() {
        return "\"project_id\": \"p\", \"user_id\": \"u\"";
    }

    /** A 1.12-style body claiming {@code amount} of one class from one provider, plus the given fields. */
    static String dict(UUID provider, String resourceClass, int amount, String moreFields) {
        return "{\"allocations\": {\"%s\": {\"resources\": {\"%s\": %d}}}, %s}"
                .formatted(provider, resourceClass, amount, moreFields);
    }
}
