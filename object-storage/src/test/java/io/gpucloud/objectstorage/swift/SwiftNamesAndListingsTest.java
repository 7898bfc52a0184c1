package io.gpucloud.objectstorage.swift;

import static io.gpucloud.objectstorage.SwiftClient.encode;
import static io.gpucloud.objectstorage.SwiftClient.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.objectstorage.ObjectStorageTestBase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Object names that would be dangerous as paths, and listings with every parameter. */
class SwiftNamesAndListingsTest extends ObjectStorageTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "the key \"{0}\" is stored and read back as itself")
    @ValueSource(strings = {"a/../b", "..", "../escape", "./x", "dir/", "a//b", "日本語/ファイル.txt", "emoji-🚀.bin",
            "spaces and + plus & amp ; semi", "%41-not-decoded-twice", "?question#hash", "percent%2Fslash", "back\\slash\\name"})
    void awkwardKeysAreJustNames(String name) throws IOException {
        swift.put("keys", null);
        byte[] body = ("body of " + name).getBytes(UTF_8);
        HttpResponse<byte[]> put = swift.put("keys/" + encode(name), body);
        assertThat(put.statusCode()).as(put.headers() + text(put)).isEqualTo(201);
        assertThat(swift.get("keys/" + encode(name)).body()).isEqualTo(body);
        JsonNode listing = JSON.readTree(swift.get("keys?format=json").body());
        List<String> names = new ArrayList<>();
        listing.forEach(entry -> names.add(entry.path("name").asString()));
        assertThat(names).contains(name);
        try (Stream<Path> files = Files.walk(DATA)) {
            assertThat(files.map(Path::toString)).noneMatch(path -> path.contains("escape") || path.contains("ファイル"));
        }
        assertThat(swift.delete("keys/" + encode(name)).statusCode()).isEqualTo(204);
    }

    @Test
    void anEncodedSlashInTheUriIsASlashOfTheName() {
        swift.put("enc", null);

        assertThat(swift.put("enc/a%2Fb", "via %2F".getBytes(UTF_8)).statusCode()).isEqualTo(201);

        assertThat(text(swift.get("enc/a/b"))).isEqualTo("via %2F");
        assertThat(text(swift.get("enc?prefix=a/&delimiter=/"))).isEqualTo("a/b\n");
    }

    @Test
    void encodedSlashesOpenNoWayAroundTheTokenOrOutOfTheAccount() throws Exception {
        swift.put("secret", null);
        swift.put("secret/o", "private".getBytes(UTF_8));
        String account = swift.account();
        HttpClient http = HttpClient.newHttpClient();
        List<String> paths = List.of("/actuator/..%2Fv1/" + account + "/secret/o",
                "/actuator/..%2F..%2Fv1/" + account + "/secret/o", "/info%2F..%2Fv1/" + account + "/secret/o",
                "/v1/" + account + "/secret%2Fo");
        for (String path : paths) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isIn(400, 401, 403, 404);
            assertThat(answer.body()).as(path).doesNotContain("private");
        }
        // With a token, an encoded slash cannot climb out of the container either: it is part of the name.
        assertThat(swift.get("secret%2F..%2Fsecret/o").statusCode()).isIn(400, 404);
    }

    @Test
    void aKeyOfExactly1024BytesIsAcceptedAndOneByteMoreIsNot() {
        swift.put("long", null);
        String longest = "é".repeat(512); // 2 bytes each in UTF-8
        assertThat(swift.put("long/" + encode(longest), "x".getBytes(UTF_8)).statusCode()).isEqualTo(201);
        assertThat(text(swift.get("long/" + encode(longest)))).isEqualTo("x");
        assertThat(swift.put("long/" + encode(longest + "a"), "x".getBytes(UTF_8)).statusCode()).isEqualTo(400);
    }

    @Test
    void keysThatAreNotUtf8OrHoldNulAreRefused() {
        swift.put("bad", null);
        // Swift answers 412; Tomcat may refuse the malformed URI with a 400 before it reaches us.
        assertThat(swift.put("bad/%FF%FE", "x".getBytes(UTF_8)).statusCode()).isIn(400, 412);
        assertThat(swift.put("bad/a%00b", "x".getBytes(UTF_8)).statusCode()).isEqualTo(400);
        assertThat(swift.head("bad").headers().firstValue("X-Container-Object-Count")).hasValue("0");
    }

    @Test
    void listingsAreInByteOrderAndPageWithMarkers() {
        swift.put("order", null);
        List<String> names = List.of("b", "a", "A", "é", "z", "\uD83D\uDE80", "\uFF5E", "a/b", "aa");
        for (String name : names) {
            swift.put("order/" + encode(name), new byte[0]);
        }
        // Code point order: 'A' < 'a' < 'a/b' < 'aa' < 'b' < 'z' < 'é' < U+FF5E < U+1F680.
        List<String> expected = List.of("A", "a", "a/b", "aa", "b", "z", "é", "\uFF5E", "\uD83D\uDE80");
        assertThat(text(swift.get("order")).lines().toList()).isEqualTo(expected);
        assertThat(text(swift.get("order?limit=3")).lines().toList()).isEqualTo(expected.subList(0, 3));
        assertThat(text(swift.get("order?limit=3&marker=a%2Fb")).lines().toList()).isEqualTo(List.of("aa", "b", "z"));
        assertThat(text(swift.get("order?marker=b&end_marker=%EF%BD%9E")).lines().toList()).isEqualTo(List.of("z", "é"));
        assertThat(text(swift.get("order?prefix=a")).lines().toList()).isEqualTo(List.of("a", "a/b", "aa"));
        assertThat(swift.get("order?prefix=nothing").statusCode()).isEqualTo(204);
        assertThat(swift.get("order?limit=10001").statusCode()).isEqualTo(412);
    }

    @Test
    void delimiterListingsCollapseCommonPrefixesIntoSubdirectories() {
        swift.put("tree", null);
        for (String name : List.of("photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/top.jpg",
                "readme.txt", "videos/x.mp4")) {
            swift.put("tree/" + encode(name), name.getBytes(UTF_8));
        }
        assertThat(text(swift.get("tree?delimiter=/")).lines().toList())
                .isEqualTo(List.of("photos/", "readme.txt", "videos/"));
        assertThat(text(swift.get("tree?delimiter=/&prefix=photos/")).lines().toList())
                .isEqualTo(List.of("photos/2024/", "photos/2025/", "photos/top.jpg"));
        assertThat(text(swift.get("tree?delimiter=/&prefix=photos/&limit=1&marker=photos/2024/")).lines().toList())
                .as("the subdirectory passed as marker is not repeated").isEqualTo(List.of("photos/2025/"));
        assertThat(text(swift.get("tree?path=photos")).lines().toList()).isEqualTo(List.of("photos/top.jpg"));

        JsonNode json = JSON.readTree(swift.get("tree?delimiter=/&format=json").body());
        assertThat(json.get(0).path("subdir").asString()).isEqualTo("photos/");
        assertThat(json.get(1).path("name").asString()).isEqualTo("readme.txt");
        assertThat(json.get(1).path("bytes").asLong()).isEqualTo(10);
        assertThat(json.get(1).path("hash").asString()).hasSize(32);
        assertThat(json.get(1).path("content_type").asString()).isEqualTo("text/plain");

        String xml = text(swift.get("tree?delimiter=/&format=xml"));
        assertThat(xml).contains("<container name=\"tree\">").contains("<subdir name=\"photos/\"><name>photos/</name></subdir>")
                .contains("<object><name>readme.txt</name>");
    }

    @Test
    void theAccountListsItsContainersWithPrefixAndMarker() {
        for (String name : List.of("alpha", "beta", "gamma", "beta-2")) {
            swift.put(name, null);
        }
        assertThat(text(swift.get("")).lines().toList()).isEqualTo(List.of("alpha", "beta", "beta-2", "gamma"));
        assertThat(text(swift.get("?prefix=beta")).lines().toList()).isEqualTo(List.of("beta", "beta-2"));
        assertThat(text(swift.get("?marker=beta&limit=1")).lines().toList()).isEqualTo(List.of("beta-2"));
        HttpResponse<byte[]> json = swift.get("?format=json&end_marker=beta");
        assertThat(JSON.readTree(json.body()).size()).isEqualTo(1);
    }
}
