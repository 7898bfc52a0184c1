package io.gpucloud.compute.flavor;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.compute.ComputeTestBase;
import io.gpucloud.compute.NovaClient;
import io.gpucloud.compute.NovaClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /v2.1/flavors} against the real database: bodies per microversion, visibility, filters and paging. */
class FlavorApiTest extends ComputeTestBase {

    /** The keys Tempest allows in a 2.1 flavor, no more. */
    private static final Set<String> FLAVOR_KEYS_2_1 = Set.of("id", "name", "ram", "vcpus", "disk", "swap", "links",
            "OS-FLV-EXT-DATA:ephemeral", "rxtx_factor", "os-flavor-access:is_public", "OS-FLV-DISABLED:disabled");

    @Test
    void adminCreatesAFlavorAsTheOpenstackClientSendsIt() {
        String name = unique("vm.gpu.a100x2");
        Response created = nova.call("POST", "/v2.1/flavors", null, """
                {"flavor":{"name":"%s","ram":65536,"vcpus":8,"disk":100,"id":null,"swap":0,"rxtx_factor":1.0,
                 "OS-FLV-EXT-DATA:ephemeral":0,"os-flavor-access:is_public":true}}""".formatted(name));

        assertThat(created.status()).isEqualTo(200);
        JsonNode flavor = created.body().path("flavor");
        assertThat(names(flavor)).isEqualTo(FLAVOR_KEYS_2_1);
        assertThat(flavor.path("id").isString()).isTrue();
        assertThat(UUID.fromString(flavor.path("id").asString())).isNotNull();
        assertThat(flavor.path("swap").asString()).isEmpty();
        assertThat(flavor.path("ram").asInt()).isEqualTo(65536);
        assertThat(flavor.path("os-flavor-access:is_public").isBoolean()).isTrue();
        assertThat(flavor.path("links").get(0).path("href").asString())
                .isEqualTo("http://127.0.0.1:" + port + "/v2.1/flavors/" + flavor.path("id").asString());
        assertThat(flavor.path("links").get(1).path("rel").asString()).isEqualTo("bookmark");
        assertThat(flavor.path("links").get(1).path("href").asString())
                .isEqualTo("http://127.0.0.1:" + port + "/flavors/" + flavor.path("id").asString());

        Response shown = nova.get("/v2.1/flavors/" + flavor.path("id").asString(), null);
        assertThat(shown.body().path("flavor")).isEqualTo(flavor);
    }

    @Test
    void tempestStyleBodiesAreNormalised() {
        String numericId = String.valueOf(100_000 + new java.util.Random().nextInt(800_000));
        Response created = nova.call("POST", "/v2.1/flavors", null, """
                {"flavor":{"name":"%s","ram":"1024","vcpus":1,"disk":10,"id":%s,
                 "os-flavor-access:is_public":"False","swap":512}}""".formatted(unique("tempest"), numericId));

        assertThat(created.status()).isEqualTo(200);
        JsonNode flavor = created.body().path("flavor");
        assertThat(flavor.path("id").isString()).isTrue();
        assertThat(flavor.path("id").asString()).isEqualTo(numericId);
        assertThat(flavor.path("ram").asInt()).isEqualTo(1024);
        assertThat(flavor.path("swap").asInt()).isEqualTo(512);
        assertThat(flavor.path("os-flavor-access:is_public").asBoolean()).isFalse();

        Response auto = nova.call("POST", "/v2.1/flavors", null, "{\"flavor\":{\"name\":\"" + unique("auto")
                + "\",\"ram\":512,\"vcpus\":1,\"disk\":1,\"id\":\"auto\"}}");
        assertThat(UUID.fromString(auto.body().path("flavor").path("id").asString())).isNotNull();
    }

    @Test
    void bodiesFollowTheMicroversion() {
        String id = createFlavor(unique("mv"), 2048, 20, true);
        nova.call("POST", "/v2.1/flavors/" + id + "/os-extra_specs", null,
                "{\"extra_specs\":{\"hw:numa_nodes\":\"1\"}}");

        JsonNode at254 = nova.get("/v2.1/flavors/" + id, "2.54").body().path("flavor");
        assertThat(names(at254)).isEqualTo(FLAVOR_KEYS_2_1);

        JsonNode at255 = nova.get("/v2.1/flavors/" + id, "2.55").body().path("flavor");
        assertThat(at255.has("description")).isTrue();
        assertThat(at255.path("description").isNull()).isTrue();
        assertThat(at255.has("extra_specs")).isFalse();
        assertThat(at255.path("swap").asString()).isEmpty();

        JsonNode at261 = nova.get("/v2.1/flavors/" + id, "2.61").body().path("flavor");
        assertThat(at261.path("extra_specs").path("hw:numa_nodes").asString()).isEqualTo("1");

        JsonNode at275 = nova.get("/v2.1/flavors/" + id, "2.75").body().path("flavor");
        assertThat(at275.path("swap").isInt()).isTrue();
        assertThat(at275.path("swap").asInt()).isZero();
        assertThat(at275.has("rxtx_factor")).isTrue();

        JsonNode summary = findIn(nova.get("/v2.1/flavors?is_public=None", "2.55").body(), id);
        assertThat(names(summary)).containsExactlyInAnyOrder("id", "name", "description", "links");
        JsonNode summaryOld = findIn(nova.get("/v2.1/flavors?is_public=None", null).body(), id);
        assertThat(names(summaryOld)).containsExactlyInAnyOrder("id", "name", "links");
    }

    @Test
    void descriptionIsSetAtCreateAndUpdatedFrom255() {
        String name = unique("described");
        Response old = nova.call("POST", "/v2.1/flavors", "2.54", """
                {"flavor":{"name":"%s","ram":512,"vcpus":1,"disk":1,"description":"x"}}""".formatted(name));
        assertThat(old.status()).isEqualTo(400);

        Response created = nova.call("POST", "/v2.1/flavors", "2.55", """
                {"flavor":{"name":"%s","ram":512,"vcpus":1,"disk":1,"description":"for training"}}""".formatted(name));
        String id = created.body().path("flavor").path("id").asString();
        assertThat(created.body().path("flavor").path("description").asString()).isEqualTo("for training");

        assertThat(nova.call("PUT", "/v2.1/flavors/" + id, "2.54", "{\"flavor\":{\"description\":\"x\"}}").status())
                .isEqualTo(404);
        Response updated = nova.call("PUT", "/v2.1/flavors/" + id, "2.55",
                "{\"flavor\":{\"description\":\"for inference\"}}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(nova.get("/v2.1/flavors/" + id, "2.55").body().path("flavor").path("description").asString())
                .isEqualTo("for inference");
        assertThat(nova.call("PUT", "/v2.1/flavors/" + id, "2.55", "{\"flavor\":{\"ram\":1}}").status())
                .isEqualTo(400);
        assertThat(member("p-describe").call("PUT", "/v2.1/flavors/" + id, "2.55",
                "{\"flavor\":{\"description\":\"mine\"}}").status()).isEqualTo(403);
    }

    @Test
    void duplicateNamesAndIdsConflict() {
        String name = unique("dup");
        String id = createFlavor(name, 512, 1, true);

        Response sameName = nova.call("POST", "/v2.1/flavors", null,
                "{\"flavor\":{\"name\":\"" + name + "\",\"ram\":512,\"vcpus\":1,\"disk\":1}}");
        assertThat(sameName.status()).isEqualTo(409);
        assertThat(sameName.body().has("conflictingRequest") || sameName.body().has("conflict")).isTrue();
        assertThat(sameName.faultMessage()).contains(name);

        Response sameId = nova.call("POST", "/v2.1/flavors", null, """
                {"flavor":{"name":"%s","ram":512,"vcpus":1,"disk":1,"id":"%s"}}""".formatted(unique("other"), id));
        assertThat(sameId.status()).isEqualTo(409);
        assertThat(sameId.faultMessage()).contains(id);
    }

    @Test
    void badBodiesAreRejectedWithTheFieldNamed() {
        assertThat(createStatus("{\"flavor\":{\"name\":\"x\",\"ram\":0,\"vcpus\":1,\"disk\":1}}")).isEqualTo(400);
        assertThat(createStatus("{\"flavor\":{\"name\":\"x\",\"ram\":512,\"disk\":1}}")).isEqualTo(400);
        assertThat(createStatus("{\"flavor\":{\"name\":\"x\",\"ram\":\"lots\",\"vcpus\":1,\"disk\":1}}"))
                .isEqualTo(400);
        assertThat(createStatus("{\"flavor\":{\"name\":\" x\",\"ram\":512,\"vcpus\":1,\"disk\":1}}")).isEqualTo(400);
        assertThat(createStatus("{\"flavor\":{\"name\":\"x\",\"ram\":512,\"vcpus\":1,\"disk\":1,\"id\":\"a/b\"}}"))
                .isEqualTo(400);
        assertThat(createStatus("{\"flavor\":{\"name\":\"x\",\"ram\":512,\"vcpus\":1,\"disk\":1,\"color\":1}}"))
                .isEqualTo(400);
        Response noVcpus = nova.call("POST", "/v2.1/flavors", null,
                "{\"flavor\":{\"name\":\"x\",\"ram\":512,\"disk\":1}}");
        assertThat(noVcpus.faultMessage()).contains("vcpus");
    }

    @Test
    void membersMayNotWriteFlavors() {
        NovaClient member = member("p-nowrite");
        assertThat(member.call("POST", "/v2.1/flavors", null,
                "{\"flavor\":{\"name\":\"" + unique("m") + "\",\"ram\":512,\"vcpus\":1,\"disk\":1}}").status())
                .isEqualTo(403);
        String id = createFlavor(unique("keep"), 512, 1, true);
        assertThat(member.call("DELETE", "/v2.1/flavors/" + id, null, null).status()).isEqualTo(403);
        assertThat(member.call("POST", "/v2.1/flavors/" + id + "/os-extra_specs", null,
                "{\"extra_specs\":{\"a\":\"b\"}}").status()).isEqualTo(403);
        assertThat(member.call("POST", "/v2.1/flavors/" + id + "/action", null,
                "{\"addTenantAccess\":{\"tenant\":\"p-nowrite\"}}").status()).isEqualTo(403);
    }

    @Test
    void membersSeePublicFlavorsAndPrivateOnesTheirProjectWasGiven() {
        String project = "p-" + UUID.randomUUID();
        String publicId = createFlavor(unique("pub"), 512, 1, true);
        String granted = createFlavor(unique("granted"), 512, 1, false);
        String hidden = createFlavor(unique("hidden"), 512, 1, false);
        Response added = nova.call("POST", "/v2.1/flavors/" + granted + "/action", null,
                "{\"addTenantAccess\":{\"tenant\":\"" + project + "\"}}");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body().path("flavor_access").get(0).path("tenant_id").asString()).isEqualTo(project);
        assertThat(added.body().path("flavor_access").get(0).path("flavor_id").asString()).isEqualTo(granted);

        NovaClient member = member(project);
        List<String> listed = ids(member.get("/v2.1/flavors/detail", null).body());
        assertThat(listed).contains(publicId, granted).doesNotContain(hidden);
        assertThat(ids(member.get("/v2.1/flavors?is_public=None", null).body())).doesNotContain(hidden);
        assertThat(member.get("/v2.1/flavors/" + granted, null).status()).isEqualTo(200);
        Response other = member.get("/v2.1/flavors/" + hidden, null);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body().has("itemNotFound")).isTrue();
        assertThat(member.get("/v2.1/flavors/" + hidden + "/os-extra_specs", null).status()).isEqualTo(404);
        assertThat(member("p-else").get("/v2.1/flavors/" + granted, null).status()).isEqualTo(404);

        // Admin: absent or true = public (+ the admin project's), false = private only, None = all.
        assertThat(ids(nova.get("/v2.1/flavors", null).body())).contains(publicId).doesNotContain(hidden);
        assertThat(ids(nova.get("/v2.1/flavors?is_public=false", null).body())).contains(hidden, granted)
                .doesNotContain(publicId);
        assertThat(ids(nova.get("/v2.1/flavors?is_public=none", null).body())).contains(hidden, granted, publicId);
        assertThat(nova.get("/v2.1/flavors?is_public=maybe", null).status()).isEqualTo(400);

        Response access = nova.get("/v2.1/flavors/" + granted + "/os-flavor-access", null);
        assertThat(access.body().path("flavor_access").size()).isEqualTo(1);
        assertThat(nova.get("/v2.1/flavors/" + publicId + "/os-flavor-access", null).status()).isEqualTo(404);
        assertThat(nova.call("POST", "/v2.1/flavors/" + publicId + "/action", null,
                "{\"addTenantAccess\":{\"tenant\":\"x\"}}").status()).isEqualTo(409);
        assertThat(nova.call("POST", "/v2.1/flavors/" + granted + "/action", null,
                "{\"addTenantAccess\":{\"tenant\":\"" + project + "\"}}").status()).isEqualTo(409);

        Response removed = nova.call("POST", "/v2.1/flavors/" + granted + "/action", null,
                "{\"removeTenantAccess\":{\"tenant\":\"" + project + "\"}}");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().path("flavor_access").size()).isZero();
        assertThat(member.get("/v2.1/flavors/" + granted, null).status()).isEqualTo(404);
        assertThat(nova.call("POST", "/v2.1/flavors/" + granted + "/action", null,
                "{\"removeTenantAccess\":{\"tenant\":\"" + project + "\"}}").status()).isEqualTo(404);
    }

    @Test
    void filtersSortAndPagesWithNextLinks() {
        // A RAM size no other test uses keeps this test's flavors apart from the rest of the database.
        int base = 3_000_000 + new java.util.Random().nextInt(1_000_000) * 10;
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createFlavor(unique("page" + i), base + i, 10 * i, true));
        }
        String minRam = "/v2.1/flavors/detail?minRam=" + base;
        assertThat(ids(nova.get(minRam, null).body())).containsExactlyInAnyOrderElementsOf(created);
        assertThat(ids(nova.get(minRam + "&minDisk=20", null).body()))
                .containsExactlyInAnyOrderElementsOf(created.subList(2, 5));
        assertThat(ids(nova.get(minRam + "&sort_key=memory_mb&sort_dir=desc", null).body()))
                .containsExactlyElementsOf(reversed(created));
        assertThat(nova.get(minRam + "&minDisk=lots", null).status()).isEqualTo(400);
        assertThat(nova.get(minRam + "&sort_key=color", null).status()).isEqualTo(400);
        assertThat(nova.get(minRam + "&sort_dir=up", null).status()).isEqualTo(400);
        assertThat(nova.get(minRam + "&marker=no-such-flavor", null).status()).isEqualTo(400);

        List<String> pagedIds = new ArrayList<>();
        String next = minRam + "&sort_key=memory_mb&limit=2";
        int pages = 0;
        while (next != null) {
            JsonNode page = nova.get(next, null).body();
            pagedIds.addAll(ids(page));
            pages++;
            JsonNode links = page.path("flavors_links");
            next = links.isArray() && !links.isEmpty()
                    ? links.get(0).path("href").asString().replace("http://127.0.0.1:" + port, "") : null;
            if (next != null) {
                assertThat(links.get(0).path("rel").asString()).isEqualTo("next");
                assertThat(next).startsWith("/v2.1/flavors/detail?").contains("marker=");
            }
        }
        assertThat(pagedIds).containsExactlyElementsOf(created);
        assertThat(pages).isEqualTo(3);

        assertThat(nova.get(minRam + "&colour=red", "2.74").status()).isEqualTo(200);
        assertThat(nova.get(minRam + "&colour=red", "2.75").status()).isEqualTo(400);
    }

    @Test
    void deletedFlavorsAreGone() {
        String id = createFlavor(unique("gone"), 512, 1, true);
        assertThat(nova.call("DELETE", "/v2.1/flavors/" + id, null, null).status()).isEqualTo(202);
        assertThat(nova.get("/v2.1/flavors/" + id, null).status()).isEqualTo(404);
        assertThat(nova.call("DELETE", "/v2.1/flavors/" + id, null, null).status()).isEqualTo(404);
        assertThat(nova.get("/v2.1/flavors/not-a-flavor-name", null).status()).isEqualTo(404);
    }

    String createFlavor(String name, int ram, int disk, boolean isPublic) {
        Response created = nova.call("POST", "/v2.1/flavors", null, """
                {"flavor":{"name":"%s","ram":%d,"vcpus":8,"disk":%d,"os-flavor-access:is_public":%s}}"""
                .formatted(name, ram, disk, isPublic));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(200);
        return created.body().path("flavor").path("id").asString();
    }

    private int createStatus(String body) {
        return nova.call("POST", "/v2.1/flavors", null, body).status();
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Set<String> names(JsonNode object) {
        return Set.copyOf(object.propertyNames());
    }

    static List<String> ids(JsonNode listing) {
        return StreamSupport.stream(listing.path("flavors").spliterator(), false)
                .map(flavor -> flavor.path("id").asString()).toList();
    }

    private static JsonNode findIn(JsonNode listing, String id) {
        return StreamSupport.stream(listing.path("flavors").spliterator(), false)
                .filter(flavor -> flavor.path("id").asString().equals(id)).findFirst().orElseThrow();
    }
}
