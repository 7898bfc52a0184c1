package io.gpucloud.scheduler.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementClient.Response;
import io.gpucloud.scheduler.PlacementTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class ResourceProviderApiTest extends PlacementTestBase {

    @Autowired
    JdbcClient jdbc;

    ProviderFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new ProviderFixtures(placement, jdbc);
    }

    @Test
    void beforeMicroversion1_20CreatingAProviderAnswers201WithALocationAndNoBody() {
        String name = ProviderFixtures.unique("old-client");
        Response created = placement.call("POST", "/resource_providers", "1.19", "{\"name\": \"%s\"}".formatted(name));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).isNull();
        assertThat(created.header("Location")).startsWith("/resource_providers/");
        Response shown = placement.get(created.header("Location"), "1.0");
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body().path("name").asString()).isEqualTo(name);
    }

    @Test
    void fromMicroversion1_20CreatingAProviderReturnsItWithTheGivenUuid() {
        UUID uuid = UUID.randomUUID();
        String name = ProviderFixtures.unique("gpu-host");
        Response created = placement.call("POST", "/resource_providers", "1.20",
                "{\"name\": \"%s\", \"uuid\": \"%s\"}".formatted(name, uuid));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.header("Location")).isEqualTo("/resource_providers/" + uuid);
        assertThat(created.body().path("uuid").asString()).isEqualTo(uuid.toString());
        assertThat(created.body().path("generation").asInt()).isZero();
        assertThat(created.body().path("root_provider_uuid").asString()).isEqualTo(uuid.toString());
        assertThat(created.body().path("parent_provider_uuid").isNull()).isTrue();
    }

    @ParameterizedTest(name = "at {0} the links are {1}")
    @CsvSource(delimiter = ';', value = {
            "1.0;  self,inventories,usages",
            "1.1;  self,inventories,usages,aggregates",
            "1.6;  self,inventories,usages,aggregates,traits",
            "1.11; self,inventories,usages,aggregates,traits,allocations"})
    void theLinksOfAProviderGrowWithTheMicroversion(String version, String relations) {
        UUID uuid = fixtures.provider(ProviderFixtures.unique("links"));
        JsonNode shown = placement.get("/resource_providers/" + uuid, version).body();

        List<String> rels = new ArrayList<>();
        shown.path("links").forEach(link -> rels.add(link.path("rel").asString()));
        assertThat(rels).containsExactly(relations.split(","));
        assertThat(shown.path("links").get(0).path("href").asString()).isEqualTo("/resource_providers/" + uuid);
        assertThat(shown.path("links").get(1).path("href").asString())
                .isEqualTo("/resource_providers/" + uuid + "/inventories");
    }

    @Test
    void treeFieldsAppearFromMicroversion1_14() {
        UUID root = fixtures.provider(ProviderFixtures.unique("root"));
        UUID child = fixtures.provider(ProviderFixtures.unique("numa0"), root);

        JsonNode old = placement.get("/resource_providers/" + child, "1.13").body();
        assertThat(old.has("parent_provider_uuid")).isFalse();
        assertThat(old.has("root_provider_uuid")).isFalse();
        JsonNode nested = placement.get("/resource_providers/" + child, "1.14").body();
        assertThat(nested.path("parent_provider_uuid").asString()).isEqualTo(root.toString());
        assertThat(nested.path("root_provider_uuid").asString()).isEqualTo(root.toString());
    }

    @Test
    void aParentCannotBeNamedBeforeMicroversion1_14() {
        UUID root = fixtures.provider(ProviderFixtures.unique("root"));
        String name = ProviderFixtures.unique("child");
        Response refused = placement.call("POST", "/resource_providers", "1.13",
                "{\"name\": \"%s\", \"parent_provider_uuid\": \"%s\"}".formatted(name, root));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(placement.get("/resource_providers?name=" + name, "1.13").body().path("resource_providers").size())
                .isZero();
    }

    @Test
    void anUnknownParentIsA400() {
        Response refused = placement.call("POST", "/resource_providers", "1.14",
                "{\"name\": \"%s\", \"parent_provider_uuid\": \"%s\"}"
                        .formatted(ProviderFixtures.unique("orphan"), UUID.randomUUID()));
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void aDuplicateNameOrUuidIsA409WithTheDuplicateNameCode() {
        UUID uuid = UUID.randomUUID();
        String name = ProviderFixtures.unique("dup");
        placement.call("POST", "/resource_providers", "1.20", "{\"name\": \"%s\", \"uuid\": \"%s\"}".formatted(name, uuid));

        Response sameName = placement.call("POST", "/resource_providers", "1.23", "{\"name\": \"%s\"}".formatted(name));
        assertThat(sameName.status()).isEqualTo(409);
        assertThat(sameName.errorCode()).isEqualTo("placement.duplicate_name");
        Response sameUuid = placement.call("POST", "/resource_providers", "1.23",
                "{\"name\": \"%s\", \"uuid\": \"%s\"}".formatted(ProviderFixtures.unique("other"), uuid));
        assertThat(sameUuid.status()).isEqualTo(409);
        assertThat(sameUuid.errorCode()).isEqualTo("placement.duplicate_name");
    }

    @ParameterizedTest(name = "body {0} is a 400")
    @CsvSource(delimiter = '|', value = {
            "{}",
            "{\"name\": \"\"}",
            "{\"name\": 7}",
            "{\"name\": \"x\", \"uuid\": \"not-a-uuid\"}",
            "{\"name\": \"x\", \"colour\": \"blue\"}",
            "[]"})
    void malformedCreateBodiesAreA400(String body) {
        Response refused = placement.call("POST", "/resource_providers", "1.20", body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").get(0).path("status").asInt()).isEqualTo(400);
    }

    @Test
    void anUnknownProviderIsA404AndAMalformedUuidA400() {
        assertThat(placement.get("/resource_providers/" + UUID.randomUUID(), "1.14").status()).isEqualTo(404);
        assertThat(placement.get("/resource_providers/not-a-uuid", "1.14").status()).isEqualTo(400);
        assertThat(placement.call("DELETE", "/resource_providers/not-a-uuid", "1.14", null).status()).isEqualTo(400);
        assertThat(placement.call("PUT", "/resource_providers/not-a-uuid", "1.14", "{\"name\": \"x\"}").status())
                .isEqualTo(400);
    }

    @Test
    void puttingAProviderRenamesItWithoutMovingItsGeneration() {
        UUID uuid = fixtures.provider(ProviderFixtures.unique("before"));
        String renamed = ProviderFixtures.unique("after");
        Response updated = placement.call("PUT", "/resource_providers/" + uuid, "1.14",
                "{\"name\": \"%s\"}".formatted(renamed));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().path("name").asString()).isEqualTo(renamed);
        assertThat(updated.body().path("generation").asInt()).isZero();
    }

    @Test
    void renamingToATakenNameIsA409AndChangesNothing() {
        String taken = ProviderFixtures.unique("taken");
        fixtures.provider(taken);
        String name = ProviderFixtures.unique("mine");
        UUID uuid = fixtures.provider(name);

        Response refused = placement.call("PUT", "/resource_providers/" + uuid, "1.23", "{\"name\": \"%s\"}".formatted(taken));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("placement.duplicate_name");
        assertThat(placement.get("/resource_providers/" + uuid, "1.14").body().path("name").asString()).isEqualTo(name);
    }

    @Test
    void aRootMayBeGivenAParentAndItsSubtreeFollowsItIntoTheNewTree() {
        UUID root = fixtures.provider(ProviderFixtures.unique("root"));
        UUID formerRoot = fixtures.provider(ProviderFixtures.unique("former-root"));
        UUID grandchild = fixtures.provider(ProviderFixtures.unique("gpu0"), formerRoot);

        Response moved = placement.call("PUT", "/resource_providers/" + formerRoot, "1.14",
                "{\"name\": \"%s\", \"parent_provider_uuid\": \"%s\"}".formatted(ProviderFixtures.unique("numa"), root));

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body().path("parent_provider_uuid").asString()).isEqualTo(root.toString());
        assertThat(placement.get("/resource_providers/" + grandchild, "1.14").body().path("root_provider_uuid").asString())
                .isEqualTo(root.toString());
    }

    @Test
    void reparentingAndUnparentingNeedMicroversion1_37() {
        UUID root = fixtures.provider(ProviderFixtures.unique("root"));
        UUID otherRoot = fixtures.provider(ProviderFixtures.unique("other-root"));
        String name = ProviderFixtures.unique("child");
        UUID child = fixtures.provider(name, root);
        String move = "{\"name\": \"%s\", \"parent_provider_uuid\": \"%s\"}".formatted(name, otherRoot);
        String orphan = "{\"name\": \"%s\", \"parent_provider_uuid\": null}".formatted(name);

        assertThat(placement.call("PUT", "/resource_providers/" + child, "1.36", move).status()).isEqualTo(400);
        assertThat(placement.call("PUT", "/resource_providers/" + child, "1.36", orphan).status()).isEqualTo(400);
        assertThat(placement.get("/resource_providers/" + child, "1.36").body().path("parent_provider_uuid").asString())
                .isEqualTo(root.toString());

        Response moved = placement.call("PUT", "/resource_providers/" + child, "1.37", move);
        assertThat(moved.body().path("root_provider_uuid").asString()).isEqualTo(otherRoot.toString());
        Response orphaned = placement.call("PUT", "/resource_providers/" + child, "1.37", orphan);
        assertThat(orphaned.status()).isEqualTo(200);
        assertThat(orphaned.body().path("parent_provider_uuid").isNull()).isTrue();
        assertThat(orphaned.body().path("root_provider_uuid").asString()).isEqualTo(child.toString());
    }

    @Test
    void aProviderCannotMoveUnderItsOwnDescendant() {
        String name = ProviderFixtures.unique("top");
        UUID top = fixtures.provider(name);
        UUID below = fixtures.provider(ProviderFixtures.unique("below"), top);

        Response refused = placement.call("PUT", "/resource_providers/" + top, "1.37",
                "{\"name\": \"%s\", \"parent_provider_uuid\": \"%s\"}".formatted(name, below));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(placement.get("/resource_providers/" + top, "1.37").body().path("parent_provider_uuid").isNull())
                .isTrue();
    }

    @Test
    void deletingAProviderRemovesIt() {
        UUID uuid = fixtures.provider(ProviderFixtures.unique("doomed"));
        fixtures.inventories(uuid, "{\"VCPU\": {\"total\": 8}}");

        assertThat(placement.call("DELETE", "/resource_providers/" + uuid, "1.14", null).status()).isEqualTo(204);
        assertThat(placement.get("/resource_providers/" + uuid, "1.14").status()).isEqualTo(404);
    }

    @Test
    void aProviderWithChildrenOrAllocationsCannotBeDeleted() {
        UUID parent = fixtures.provider(ProviderFixtures.unique("parent"));
        fixtures.provider(ProviderFixtures.unique("child"), parent);
        Response parentRefused = placement.call("DELETE", "/resource_providers/" + parent, "1.23", null);
        assertThat(parentRefused.status()).isEqualTo(409);
        assertThat(parentRefused.errorCode()).isEqualTo("placement.resource_provider.cannot_delete_parent");

        UUID busy = fixtures.provider(ProviderFixtures.unique("busy"));
        fixtures.inventories(busy, "{\"PGPU\": {\"total\": 4}}");
        fixtures.allocate(busy, "PGPU", 1);
        Response busyRefused = placement.call("DELETE", "/resource_providers/" + busy, "1.23", null);
        assertThat(busyRefused.status()).isEqualTo(409);
        assertThat(busyRefused.errorCode()).isEqualTo("placement.resource_provider.inuse");

        assertThat(placement.get("/resource_providers/" + parent, "1.14").status()).isEqualTo(200);
        assertThat(placement.get("/resource_providers/" + busy + "/inventories", "1.14").body()
                .path("inventories").has("PGPU")).isTrue();
    }

    @Test
    void providerUsagesSumTheAllocationsOfEachInventoryClass() {
        UUID uuid = fixtures.provider(ProviderFixtures.unique("used"));
        fixtures.inventories(uuid, "{\"VCPU\": {\"total\": 32}, \"PGPU\": {\"total\": 8}}");
        fixtures.allocate(uuid, "VCPU", 4);
        fixtures.allocate(uuid, "VCPU", 2);

        Response usages = placement.get("/resource_providers/" + uuid + "/usages", "1.0");
        assertThat(usages.status()).isEqualTo(200);
        assertThat(usages.body().path("usages").path("VCPU").asInt()).isEqualTo(6);
        assertThat(usages.body().path("usages").path("PGPU").asInt()).isZero();
        assertThat(usages.body().path("resource_provider_generation").asInt()).isEqualTo(fixtures.generation(uuid));
        assertThat(placement.get("/resource_providers/" + UUID.randomUUID() + "/usages", "1.0").status()).isEqualTo(404);
    }

    @Test
    void fromMicroversion1_15ReadsSayNoCacheAndWhenTheyLastChanged() {
        UUID uuid = fixtures.provider(ProviderFixtures.unique("cached"));
        assertThat(placement.get("/resource_providers/" + uuid, "1.14").header("Cache-Control")).isNull();
        Response fresh = placement.get("/resource_providers/" + uuid, "1.15");
        assertThat(fresh.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(fresh.header("Last-Modified")).isNotNull();
    }

    @Test
    void aMemberTokenIsRefusedEveryProviderCall() {
        UUID uuid = fixtures.provider(ProviderFixtures.unique("guarded"));
        var member = placement.as(TOKENS.member("p"));
        assertThat(member.get("/resource_providers/" + uuid, "1.14").status()).isEqualTo(403);
        assertThat(member.call("POST", "/resource_providers", "1.20", "{\"name\": \"sneaky\"}").status()).isEqualTo(403);
        assertThat(member.call("DELETE", "/resource_providers/" + uuid, "1.14", null).status()).isEqualTo(403);
        assertThat(member.get("/resource_providers/" + uuid + "/usages", "1.14").status()).isEqualTo(403);
        assertThat(placement.get("/resource_providers/" + uuid, "1.14").status()).isEqualTo(200);
    }
}
