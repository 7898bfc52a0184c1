package io.gpucloud.compute.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.compute.image.GlanceClient.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The minimal Image API v2 against the real database and a real data directory. */
class ImageApiTest extends ImageTestBase {

    @Autowired
    ImageCatalog catalog;

    @Test
    void discoveryAnswersAsGlanceDoes() {
        Response root = new GlanceClient("http://127.0.0.1:" + port, null).get("/image");
        assertThat(root.status()).isEqualTo(300);
        JsonNode versions = root.json().path("versions");
        assertThat(versions.get(0).path("status").asString()).isEqualTo("CURRENT");
        assertThat(versions.get(versions.size() - 1).path("id").asString()).isEqualTo("v2.0");
        assertThat(versions.get(0).path("links").get(0).path("href").asString())
                .isEqualTo("http://127.0.0.1:" + port + "/image/v2/");
        assertThat(glance().get("/image/versions").status()).isEqualTo(200);
    }

    @Test
    void createsAQueuedImageWithExtraPropertiesAsTopLevelKeys() {
        Response created = glance("p-create").post("/image/v2/images", """
                {"name":"ubuntu-22.04","disk_format":"qcow2","container_format":"bare","min_disk":10,"min_ram":1024,
                 "tags":["lts","gpu"],"kernel_id":"%s","ramdisk_id":"%s","os_command_line":"console=ttyS0",
                 "hw_machine_type":"q35"}""".formatted(UUID.randomUUID(), UUID.randomUUID()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        JsonNode image = created.json();
        assertThat(image.path("status").asString()).isEqualTo("queued");
        assertThat(image.path("visibility").asString()).isEqualTo("shared");
        assertThat(image.path("owner").asString()).isEqualTo("p-create");
        assertThat(image.path("min_disk").asInt()).isEqualTo(10);
        assertThat(image.path("tags").toString()).contains("lts", "gpu");
        assertThat(image.path("os_command_line").asString()).isEqualTo("console=ttyS0");
        assertThat(image.path("hw_machine_type").asString()).isEqualTo("q35");
        assertThat(image.has("kernel_id") && image.has("ramdisk_id")).isTrue();
        assertThat(image.path("size").isNull()).isTrue();
        assertThat(image.path("checksum").isNull()).isTrue();
        String id = image.path("id").asString();
        assertThat(image.path("self").asString()).isEqualTo("/v2/images/" + id);
        assertThat(image.path("file").asString()).isEqualTo("/v2/images/" + id + "/file");
        assertThat(image.path("schema").asString()).isEqualTo("/v2/schemas/image");
        assertThat(image.path("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        assertThat(glance("p-create").get("/image/v2/images/" + id).json()).isEqualTo(image);
    }

    @Test
    void badAttributesAreRefusedAsGlanceRefusesThem() {
        GlanceClient member = glance("p-bad");
        assertThat(member.post("/image/v2/images", "{\"name\":\"x\",\"visibility\":\"public\"}").status())
                .isEqualTo(403);
        assertThat(member.post("/image/v2/images", "{\"name\":\"x\",\"status\":\"active\"}").status()).isEqualTo(403);
        assertThat(member.post("/image/v2/images", "{\"name\":\"x\",\"deleted\":true}").status()).isEqualTo(403);
        assertThat(member.post("/image/v2/images", "{\"name\":\"x\",\"disk_format\":\"floppy\"}").status())
                .isEqualTo(400);
        assertThat(member.post("/image/v2/images", "{\"name\":\"x\",\"min_ram\":-1}").status()).isEqualTo(400);
        assertThat(member.post("/image/v2/images", "{\"name\":\"x\",\"os_distro\":7}").status()).isEqualTo(400);
        assertThat(member.post("/image/v2/images", "{\"name\":\"x\",\"visibility\":\"secret\"}").status())
                .isEqualTo(400);
        assertThat(member.post("/image/v2/images", "{\"id\":\"not-a-uuid\"}").status()).isEqualTo(400);
        String id = UUID.randomUUID().toString();
        assertThat(member.post("/image/v2/images", "{\"id\":\"" + id + "\"}").status()).isEqualTo(201);
        assertThat(member.post("/image/v2/images", "{\"id\":\"" + id + "\"}").status()).isEqualTo(409);
        assertThat(member.get("/image/v2/images?visibility=private").json().path("images").size()).isZero();
        assertThat(glance().post("/image/v2/images", "{\"name\":\"x\",\"visibility\":\"public\"}").status())
                .isEqualTo(201);
    }

    @Test
    void uploadsStreamToTheImageFileWithChecksumsAndOnlyOnce() throws Exception {
        GlanceClient owner = glance("p-upload");
        String id = owner.post("/image/v2/images",
                "{\"name\":\"big\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}").json().path("id")
                .asString();
        byte[] data = random(6 * 1024 * 1024 + 13, 7);

        Response uploaded = owner.putStream("/image/v2/images/" + id + "/file", () -> new ByteArrayInputStream(data));
        assertThat(uploaded.status()).as(uploaded.raw().body()).isEqualTo(204);
        JsonNode image = owner.get("/image/v2/images/" + id).json();
        assertThat(image.path("status").asString()).isEqualTo("active");
        assertThat(image.path("size").asLong()).isEqualTo(data.length);
        assertThat(image.path("checksum").asString()).isEqualTo(hex("MD5", data));
        assertThat(image.path("os_hash_algo").asString()).isEqualTo("sha512");
        assertThat(image.path("os_hash_value").asString()).isEqualTo(hex("SHA-512", data));

        // Where the compute agent reads base images: <data-path>/<uuid>, nothing else left behind.
        assertThat(Files.readAllBytes(DATA_PATH.resolve(id))).isEqualTo(data);
        try (var files = Files.list(DATA_PATH)) {
            assertThat(files.map(Path::getFileName).map(Path::toString).filter(n -> n.startsWith("."))).isEmpty();
        }

        HttpResponse<InputStream> download = owner.download("/image/v2/images/" + id + "/file");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-MD5")).contains(hex("MD5", data));
        assertThat(download.headers().firstValue("Content-Type")).contains("application/octet-stream");
        try (InputStream body = download.body()) {
            assertThat(hex("SHA-512", body.readAllBytes())).isEqualTo(hex("SHA-512", data));
        }

        Response again = owner.put("/image/v2/images/" + id + "/file", new byte[] {1, 2, 3});
        assertThat(again.status()).isEqualTo(409);
        assertThat(Files.size(DATA_PATH.resolve(id))).isEqualTo(data.length);
        assertThat(glance("p-other").put("/image/v2/images/" + id + "/file", new byte[] {1}).status())
                .isEqualTo(404);
    }

    @Test
    void uploadsNeedFormatsAndTheOwnerAndImagesWithoutDataHaveNone() {
        GlanceClient owner = glance("p-formats");
        String id = owner.post("/image/v2/images", "{\"name\":\"noformat\"}").json().path("id").asString();
        assertThat(owner.put("/image/v2/images/" + id + "/file", new byte[] {1}).status()).isEqualTo(400);
        assertThat(owner.get("/image/v2/images/" + id).json().path("status").asString()).isEqualTo("queued");
        assertThat(owner.download("/image/v2/images/" + id + "/file").statusCode()).isEqualTo(204);

        String publicId = glance().post("/image/v2/images", """
                {"name":"cirros","visibility":"public","disk_format":"qcow2","container_format":"bare"}""")
                .json().path("id").asString();
        assertThat(owner.put("/image/v2/images/" + publicId + "/file", new byte[] {1}).status()).isEqualTo(403);
        assertThat(owner.get("/image/v2/images/" + publicId).json().path("status").asString()).isEqualTo("queued");
    }

    @Test
    void membersSeePublicCommunityAndTheirOwnImagesOnly() {
        GlanceClient alice = glance("p-alice-" + UUID.randomUUID());
        GlanceClient bob = glance("p-bob-" + UUID.randomUUID());
        String tag = "vis-" + UUID.randomUUID();
        String alicePrivate = create(alice, "{\"name\":\"a-private\",\"visibility\":\"private\",\"tags\":[\"" + tag
                + "\"]}");
        String aliceShared = create(alice, "{\"name\":\"a-shared\",\"tags\":[\"" + tag + "\"]}");
        String aliceCommunity = create(alice, "{\"name\":\"a-community\",\"visibility\":\"community\",\"tags\":[\""
                + tag + "\"]}");
        String publicImage = create(glance(), "{\"name\":\"public\",\"visibility\":\"public\",\"tags\":[\"" + tag
                + "\"]}");

        assertThat(ids(bob.get("/image/v2/images?tag=" + tag))).containsExactlyInAnyOrder(publicImage);
        assertThat(ids(bob.get("/image/v2/images?tag=" + tag + "&visibility=community")))
                .containsExactly(aliceCommunity);
        assertThat(ids(bob.get("/image/v2/images?tag=" + tag + "&visibility=all")))
                .containsExactlyInAnyOrder(publicImage, aliceCommunity);
        assertThat(ids(alice.get("/image/v2/images?tag=" + tag)))
                .containsExactlyInAnyOrder(publicImage, alicePrivate, aliceShared, aliceCommunity);
        assertThat(ids(alice.get("/image/v2/images?tag=" + tag + "&visibility=private")))
                .containsExactly(alicePrivate);
        assertThat(ids(glance().get("/image/v2/images?tag=" + tag))).hasSize(4);

        assertThat(bob.get("/image/v2/images/" + alicePrivate).status()).isEqualTo(404);
        assertThat(bob.get("/image/v2/images/" + aliceShared).status()).isEqualTo(404);
        assertThat(bob.get("/image/v2/images/" + aliceCommunity).status()).isEqualTo(200);
        assertThat(bob.delete("/image/v2/images/" + alicePrivate).status()).isEqualTo(404);
        assertThat(bob.delete("/image/v2/images/" + aliceCommunity).status()).isEqualTo(403);
        assertThat(bob.patch("/image/v2/images/" + aliceCommunity,
                "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"mine\"}]").status()).isEqualTo(403);
        assertThat(bob.get("/image/v2/images/not-a-uuid").status()).isEqualTo(404);
    }

    @Test
    void listingsFilterAndPageWithNext() {
        GlanceClient owner = glance("p-page-" + UUID.randomUUID());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String distro = i % 2 == 0 ? "ubuntu" : "rocky";
            created.add(create(owner, "{\"name\":\"page-" + i + "\",\"os_distro\":\"" + distro + "\"}"));
        }
        String visible = "/image/v2/images?visibility=shared";
        assertThat(ids(owner.get(visible + "&sort_key=name&sort_dir=asc"))).containsExactlyElementsOf(created);
        assertThat(ids(owner.get(visible + "&name=page-3"))).containsExactly(created.get(3));
        assertThat(ids(owner.get(visible + "&os_distro=rocky")))
                .containsExactlyInAnyOrder(created.get(1), created.get(3));
        assertThat(ids(owner.get(visible + "&status=queued"))).hasSize(5);
        assertThat(owner.get(visible + "&sort_key=colour").status()).isEqualTo(400);
        assertThat(owner.get(visible + "&limit=x").status()).isEqualTo(400);
        assertThat(owner.get(visible + "&marker=" + UUID.randomUUID()).status()).isEqualTo(400);

        List<String> paged = new ArrayList<>();
        String next = visible + "&limit=2";
        int pages = 0;
        while (next != null) {
            JsonNode page = owner.get(next).json();
            assertThat(page.path("first").asString()).isEqualTo("/v2/images");
            page.path("images").forEach(image -> paged.add(image.path("id").asString()));
            next = page.has("next") ? "/image" + page.path("next").asString() : null;
            pages++;
        }
        // Newest first by default.
        List<String> newestFirst = new ArrayList<>(created);
        java.util.Collections.reverse(newestFirst);
        assertThat(paged).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void patchesReplaceAddAndRemoveNamesAndProperties() {
        GlanceClient owner = glance("p-patch");
        String id = create(owner, "{\"name\":\"before\",\"os_distro\":\"ubuntu\",\"stale\":\"x\"}");
        String path = "/image/v2/images/" + id;

        Response patched = owner.patch(path, """
                [{"op":"replace","path":"/name","value":"after"},
                 {"op":"add","path":"/os_version","value":"22.04"},
                 {"op":"replace","path":"/os_distro","value":"debian"},
                 {"op":"remove","path":"/stale"},
                 {"op":"replace","path":"/min_ram","value":2048},
                 {"op":"replace","path":"/tags","value":["a","b"]}]""");
        assertThat(patched.status()).as(patched.raw().body()).isEqualTo(200);
        JsonNode image = owner.get(path).json();
        assertThat(image.path("name").asString()).isEqualTo("after");
        assertThat(image.path("os_version").asString()).isEqualTo("22.04");
        assertThat(image.path("os_distro").asString()).isEqualTo("debian");
        assertThat(image.has("stale")).isFalse();
        assertThat(image.path("min_ram").asInt()).isEqualTo(2048);
        assertThat(image.path("tags").size()).isEqualTo(2);

        assertThat(owner.patch(path, "[{\"op\":\"replace\",\"path\":\"/nope\",\"value\":\"x\"}]").status())
                .isEqualTo(409);
        assertThat(owner.patch(path, "[{\"op\":\"remove\",\"path\":\"/nope\"}]").status()).isEqualTo(409);
        assertThat(owner.patch(path, "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"active\"}]").status())
                .isEqualTo(403);
        assertThat(owner.patch(path, "[{\"op\":\"remove\",\"path\":\"/name\"}]").status()).isEqualTo(403);
        assertThat(owner.patch(path, "[{\"op\":\"replace\",\"path\":\"/visibility\",\"value\":\"public\"}]")
                .status()).isEqualTo(403);
        assertThat(owner.patch(path, "[{\"op\":\"move\",\"path\":\"/name\",\"value\":\"x\"}]").status())
                .isEqualTo(400);
        assertThat(owner.patch(path, "{\"name\":\"x\"}").status()).isEqualTo(400);
        assertThat(owner.patch(path, "[]", "application/json").status()).isEqualTo(415);
        // A refused patch changes nothing, not even the operations before the refused one.
        owner.patch(path, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"half\"},"
                + "{\"op\":\"remove\",\"path\":\"/nope\"}]");
        assertThat(owner.get(path).json().path("name").asString()).isEqualTo("after");
    }

    @Test
    void deletingRemovesRecordAndDataUnlessProtected() {
        GlanceClient owner = glance("p-delete");
        String id = create(owner, "{\"name\":\"doomed\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}");
        owner.put("/image/v2/images/" + id + "/file", new byte[] {1, 2, 3});
        assertThat(Files.exists(DATA_PATH.resolve(id))).isTrue();

        assertThat(owner.delete("/image/v2/images/" + id).status()).isEqualTo(204);
        assertThat(owner.get("/image/v2/images/" + id).status()).isEqualTo(404);
        assertThat(Files.exists(DATA_PATH.resolve(id))).isFalse();
        assertThat(owner.delete("/image/v2/images/" + id).status()).isEqualTo(404);

        String kept = create(owner, "{\"name\":\"kept\",\"protected\":true}");
        assertThat(owner.delete("/image/v2/images/" + kept).status()).isEqualTo(403);
        owner.patch("/image/v2/images/" + kept, "[{\"op\":\"replace\",\"path\":\"/protected\",\"value\":false}]");
        assertThat(owner.delete("/image/v2/images/" + kept).status()).isEqualTo(204);
    }

    @Test
    void errorsAreGlanceShapedNotNovaShaped() {
        String missing = "/image/v2/images/" + UUID.randomUUID();
        Response html = glance("p-errors").getHtml(missing);
        assertThat(html.status()).isEqualTo(404);
        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(html.raw().body()).contains("404 Not Found").contains("No image found with ID");

        Response json = glance("p-errors").get(missing);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.json().path("code").asString()).isEqualTo("404 Not Found");
        assertThat(json.json().path("title").asString()).isEqualTo("Not Found");
        assertThat(json.json().path("message").asString()).contains("No image found with ID");
    }

    @Test
    void theCatalogGivesServersOnlyActiveVisibleImages() throws Exception {
        GlanceClient owner = glance("p-catalog");
        String id = create(owner, "{\"name\":\"boot\",\"disk_format\":\"qcow2\",\"container_format\":\"bare\","
                + "\"min_disk\":5,\"hw_cpu_policy\":\"dedicated\"}");
        AuthContext caller = TOKENS.verifier().verify(TOKENS.member("p-catalog"));
        AuthContext stranger = TOKENS.verifier().verify(TOKENS.member("p-x"));

        assertThat(catalog.findVisible(id, caller)).isPresent();
        assertThat(catalog.findVisible(id, stranger)).isEmpty();
        assertThatThrownBy(() -> catalog.findUsable(id, caller))
                .hasMessageContaining("is not active");
        owner.put("/image/v2/images/" + id + "/file", new byte[] {9});
        Image usable = catalog.findUsable(id, caller);
        assertThat(usable.minDiskGb()).isEqualTo(5);
        assertThat(usable.properties()).containsEntry("hw_cpu_policy", "dedicated");
        assertThatThrownBy(() -> catalog.findUsable(id, stranger))
                .hasMessageContaining("could not be found");
    }


    private static String create(GlanceClient client, String body) {
        Response created = client.post("/image/v2/images", body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private static List<String> ids(Response listing) {
        assertThat(listing.status()).as(listing.raw().body()).isEqualTo(200);
        return StreamSupport.stream(listing.json().path("images").spliterator(), false)
                .map(image -> image.path("id").asString()).toList();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }
}
