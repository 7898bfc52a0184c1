package io.gpucloud.objectstorage.swift;

import static io.gpucloud.objectstorage.SwiftClient.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.objectstorage.ObjectStorageTestBase;
import io.gpucloud.objectstorage.SwiftClient;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Server-side copy (PUT with X-Copy-From, and COPY) and large objects (static and dynamic manifests). */
class SwiftCopyAndLargeObjectTest extends ObjectStorageTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void copyingKeepsTheBytesAndMergesMetadata() throws Exception {
        swift.put("src", null);
        swift.put("dst", null);
        swift.put("src/a.txt", "copy me".getBytes(UTF_8), "X-Object-Meta-Origin", "lab", "Content-Type", "text/x-lab");

        HttpResponse<byte[]> put = swift.put("dst/b.txt", new byte[0], "X-Copy-From", "/src/a.txt", "X-Object-Meta-Extra", "1");
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("X-Copied-From")).hasValue("src/a.txt");
        HttpResponse<byte[]> copy = swift.get("dst/b.txt");
        assertThat(text(copy)).isEqualTo("copy me");
        assertThat(copy.headers().firstValue("X-Object-Meta-Origin")).hasValue("lab");
        assertThat(copy.headers().firstValue("X-Object-Meta-Extra")).hasValue("1");
        assertThat(copy.headers().firstValue("Content-Type")).hasValue("text/x-lab");

        assertThat(swift.send("COPY", "src/a.txt", null, "Destination", "dst/c.txt", "X-Fresh-Metadata", "true")
                .statusCode()).isEqualTo(201);
        HttpResponse<byte[]> fresh = swift.get("dst/c.txt");
        assertThat(text(fresh)).isEqualTo("copy me");
        assertThat(fresh.headers().firstValue("X-Object-Meta-Origin")).isEmpty();

        assertThat(swift.put("dst/d", new byte[0], "X-Copy-From", "/src/missing").statusCode()).isEqualTo(404);
        assertThat(swift.put("nowhere/d", new byte[0], "X-Copy-From", "/src/a.txt").statusCode()).isEqualTo(404);
        assertThat(swift.send("COPY", "src/a.txt", null).statusCode()).as("no Destination").isEqualTo(412);
    }

    @Test
    void copyingFromAnotherProjectsAccountIsForbidden() {
        SwiftClient other = client("copy-victim");
        other.put("private", null);
        other.put("private/secret", "s".getBytes(UTF_8));
        swift.put("mine", null);
        assertThat(swift.put("mine/stolen", new byte[0], "X-Copy-From", "/private/secret",
                "X-Copy-From-Account", other.account()).statusCode()).isEqualTo(403);
    }

    @Test
    void aStaticLargeObjectReadsAsItsSegmentsInOrder() throws Exception {
        swift.put("segments", null);
        swift.put("files", null);
        swift.put("segments/1", "hello ".getBytes(UTF_8));
        swift.put("segments/2", "large ".getBytes(UTF_8));
        swift.put("segments/3", "world".getBytes(UTF_8));
        String manifest = "[{\"path\": \"/segments/1\", \"etag\": \"" + md5("hello ") + "\", \"size_bytes\": 6},"
                + " {\"path\": \"/segments/2\", \"etag\": null, \"size_bytes\": null},"
                + " {\"path\": \"/segments/3\"}]";
        HttpResponse<byte[]> put = swift.put("files/greeting?multipart-manifest=put", manifest.getBytes(UTF_8),
                "Content-Type", "text/plain", "X-Object-Meta-Kind", "slo");
        assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
        String etag = md5(md5("hello ") + md5("large ") + md5("world"));
        assertThat(put.headers().firstValue("Etag")).hasValue("\"" + etag + "\"");

        HttpResponse<byte[]> get = swift.get("files/greeting");
        assertThat(text(get)).isEqualTo("hello large world");
        assertThat(get.headers().firstValue("X-Static-Large-Object")).hasValue("True");
        assertThat(get.headers().firstValue("Etag")).hasValue("\"" + etag + "\"");
        assertThat(get.headers().firstValue("X-Object-Meta-Kind")).hasValue("slo");
        assertThat(text(swift.get("files/greeting", "Range", "bytes=4-13"))).isEqualTo("o large wo");
        assertThat(swift.head("files/greeting").headers().firstValue("Content-Length")).hasValue("17");

        JsonNode stored = JSON.readTree(swift.get("files/greeting?multipart-manifest=get").body());
        assertThat(stored.size()).isEqualTo(3);
        assertThat(stored.get(2).path("name").asString()).isEqualTo("/segments/3");
        assertThat(stored.get(2).path("bytes").asLong()).isEqualTo(5);

        JsonNode listing = JSON.readTree(swift.get("files?format=json").body());
        assertThat(listing.get(0).path("bytes").asLong()).isEqualTo(17);
        assertThat(swift.head("files").headers().firstValue("X-Container-Bytes-Used"))
                .as("segments are counted where they are stored").hasValue("0");

        HttpResponse<byte[]> delete = swift.delete("files/greeting?multipart-manifest=delete");
        assertThat(delete.statusCode()).isEqualTo(200);
        assertThat(text(delete)).contains("Number Deleted: 4");
        assertThat(swift.get("segments").statusCode()).isEqualTo(204);
    }

    @Test
    void aManifestNamingMissingOrChangedSegmentsIsRefused() throws Exception {
        swift.put("seg", null);
        swift.put("seg/a", "aaaa".getBytes(UTF_8));
        assertThat(swift.put("seg/m?multipart-manifest=put", "[{\"path\": \"/seg/missing\"}]".getBytes(UTF_8)).statusCode())
                .isEqualTo(400);
        assertThat(swift.put("seg/m?multipart-manifest=put", "[{\"path\": \"/seg/a\", \"size_bytes\": 3}]".getBytes(UTF_8))
                .statusCode()).isEqualTo(400);
        assertThat(swift.put("seg/m?multipart-manifest=put", "[{\"path\": \"/seg/a\", \"etag\": \"abc\"}]".getBytes(UTF_8))
                .statusCode()).isEqualTo(400);
        assertThat(swift.put("seg/m?multipart-manifest=put", "not json".getBytes(UTF_8)).statusCode()).isEqualTo(400);
        assertThat(swift.put("seg/m?multipart-manifest=put", "[]".getBytes(UTF_8)).statusCode()).isEqualTo(400);
        assertThat(swift.head("seg/m").statusCode()).isEqualTo(404);

        assertThat(swift.put("seg/m?multipart-manifest=put", "[{\"path\": \"/seg/a\"}]".getBytes(UTF_8)).statusCode())
                .isEqualTo(201);
        swift.put("seg/a", "bbbb".getBytes(UTF_8));
        assertThat(swift.get("seg/m").statusCode()).as("a segment replaced since: the read fails, it does not mix versions")
                .isEqualTo(409);
    }

    @Test
    void aDynamicLargeObjectReadsAsTheObjectsUnderItsPrefix() throws Exception {
        swift.put("parts", null);
        swift.put("parts/video/001", "one-".getBytes(UTF_8));
        swift.put("parts/video/002", "two-".getBytes(UTF_8));
        swift.put("parts/video/003", "three".getBytes(UTF_8));
        assertThat(swift.put("parts/video.mp4", new byte[0], "X-Object-Manifest", "parts/video/").statusCode())
                .isEqualTo(201);
        HttpResponse<byte[]> get = swift.get("parts/video.mp4");
        assertThat(text(get)).isEqualTo("one-two-three");
        assertThat(get.headers().firstValue("X-Object-Manifest")).hasValue("parts/video/");
        assertThat(get.headers().firstValue("Etag")).hasValue("\"" + md5(md5("one-") + md5("two-") + md5("three")) + "\"");
        swift.put("parts/video/004", "!".getBytes(UTF_8));
        assertThat(text(swift.get("parts/video.mp4"))).as("a new segment joins at once").isEqualTo("one-two-three!");
        assertThat(text(swift.get("parts/video.mp4", "Range", "bytes=-6"))).isEqualTo("three!");
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(UTF_8)));
    }
}
