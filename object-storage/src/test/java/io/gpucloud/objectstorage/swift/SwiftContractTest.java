package io.gpucloud.objectstorage.swift;

import static io.gpucloud.objectstorage.SwiftClient.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.objectstorage.ObjectStorageTestBase;
import io.gpucloud.objectstorage.SwiftClient;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The account, container and object calls, their headers, and each of their errors. */
class SwiftContractTest extends ObjectStorageTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anUnusedAccountIsEmptyAndEveryResponseCarriesSwiftsHeaders() {
        HttpResponse<byte[]> head = swift.head("");
        assertThat(head.statusCode()).isEqualTo(204);
        assertThat(head.headers().firstValue("X-Account-Container-Count")).hasValue("0");
        assertThat(head.headers().firstValue("X-Account-Object-Count")).hasValue("0");
        assertThat(head.headers().firstValue("X-Account-Bytes-Used")).hasValue("0");
        assertThat(head.headers().firstValue("X-Trans-Id").orElseThrow()).matches("^tx[0-9a-f]{21}-[0-9a-f]{10}$");
        assertThat(head.headers().firstValue("X-Timestamp").orElseThrow()).matches("^\\d+\\.?\\d*$");
        assertThat(head.headers().firstValue("Content-Type")).isPresent();
        assertThat(head.headers().firstValue("Date")).isPresent();

        HttpResponse<byte[]> plain = swift.get("");
        assertThat(plain.statusCode()).isEqualTo(204);
        HttpResponse<byte[]> json = swift.get("?format=json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(text(json)).isEqualTo("[]");
    }

    @Test
    void containersAreCreatedOnceAndCountTheirObjects() {
        assertThat(swift.put("photos", null).statusCode()).isEqualTo(201);
        assertThat(swift.put("photos", null).statusCode()).isEqualTo(202);
        assertThat(swift.put("photos/cat.jpg", "meow".getBytes(UTF_8)).statusCode()).isEqualTo(201);
        assertThat(swift.put("photos/dog.jpg", "woof!".getBytes(UTF_8)).statusCode()).isEqualTo(201);

        HttpResponse<byte[]> head = swift.head("photos");
        assertThat(head.statusCode()).isEqualTo(204);
        assertThat(head.headers().firstValue("X-Container-Object-Count")).hasValue("2");
        assertThat(head.headers().firstValue("X-Container-Bytes-Used")).hasValue("9");
        assertThat(head.headers().firstValue("X-Storage-Policy")).hasValue("Policy-0");
        assertThat(head.headers().firstValue("Content-Type")).isPresent();

        HttpResponse<byte[]> account = swift.head("");
        assertThat(account.headers().firstValue("X-Account-Container-Count")).hasValue("1");
        assertThat(account.headers().firstValue("X-Account-Object-Count")).hasValue("2");
        assertThat(account.headers().firstValue("X-Account-Bytes-Used")).hasValue("9");
        assertThat(account.headers().firstValue("X-Account-Storage-Policy-Policy-0-Bytes-Used")).hasValue("9");

        JsonNode listing = JSON.readTree(swift.get("?format=json").body());
        assertThat(listing.get(0).path("name").asString()).isEqualTo("photos");
        assertThat(listing.get(0).path("count").asLong()).isEqualTo(2);
        assertThat(listing.get(0).path("bytes").asLong()).isEqualTo(9);
        assertThat(listing.get(0).path("last_modified").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
    }

    @Test
    void aMissingContainerIsA404ForEveryCall() {
        assertThat(swift.head("nothing-here").statusCode()).isEqualTo(404);
        assertThat(swift.get("nothing-here").statusCode()).isEqualTo(404);
        assertThat(swift.post("nothing-here", "X-Container-Meta-A", "b").statusCode()).isEqualTo(404);
        assertThat(swift.delete("nothing-here").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> put = swift.put("nothing-here/o", "x".getBytes(UTF_8));
        assertThat(put.statusCode()).isEqualTo(404);
        assertThat(put.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(text(put)).contains("<h1>Not Found</h1>");
        assertThat(swift.get("nothing-here/o").statusCode()).isEqualTo(404);
    }

    @Test
    void deletingANonEmptyContainerIsAConflict() {
        swift.put("full", null);
        swift.put("full/o", "x".getBytes(UTF_8));
        assertThat(swift.delete("full").statusCode()).isEqualTo(409);
        assertThat(swift.delete("full/o").statusCode()).isEqualTo(204);
        assertThat(swift.delete("full/o").statusCode()).isEqualTo(404);
        assertThat(swift.delete("full").statusCode()).isEqualTo(204);
        assertThat(swift.head("full").statusCode()).isEqualTo(404);
    }

    @Test
    void anotherProjectsAccountIsForbiddenAndATokenIsRequired() {
        SwiftClient owner = client("owner-project");
        owner.put("private", null);
        owner.put("private/secret", "s3cret".getBytes(UTF_8));

        SwiftClient intruder = client("other-project").onAccount("AUTH_owner-project");
        assertThat(intruder.head("").statusCode()).isEqualTo(403);
        assertThat(intruder.get("private").statusCode()).isEqualTo(403);
        assertThat(intruder.get("private/secret").statusCode()).isEqualTo(403);
        assertThat(intruder.put("private/mine", "x".getBytes(UTF_8)).statusCode()).isEqualTo(403);
        assertThat(intruder.delete("private/secret").statusCode()).isEqualTo(403);
        assertThat(intruder.put("newcontainer", null).statusCode()).isEqualTo(403);

        assertThat(owner.withToken(null).get("private/secret").statusCode()).isEqualTo(401);
        assertThat(owner.withToken("gc1.forged.token.value").get("private/secret").statusCode()).isEqualTo(401);

        SwiftClient reader = owner.withToken(TOKENS.token("reader-user", "owner-project", List.of("reader")));
        assertThat(text(reader.get("private/secret"))).isEqualTo("s3cret");
        assertThat(reader.put("private/other", "x".getBytes(UTF_8)).statusCode()).isEqualTo(403);

        SwiftClient admin = owner.withToken(TOKENS.admin());
        assertThat(text(admin.get("private/secret"))).isEqualTo("s3cret");
        assertThat(owner.onAccount("not-an-auth-account").head("").statusCode()).isEqualTo(403);
    }

    @Test
    void anObjectRoundTripsWithItsEtagMetadataAndContentType() throws Exception {
        swift.put("docs", null);
        byte[] body = "hello, object storage".getBytes(UTF_8);
        String md5 = md5(body);
        HttpResponse<byte[]> put = swift.put("docs/hello.txt", body, "X-Object-Meta-Color", "blue",
                "X-Object-Meta-Empty", "", "X-Object-Meta-test_under", "x", "ETag", md5);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("Etag")).hasValue(md5);
        assertThat(put.headers().firstValue("Last-Modified")).isPresent();

        HttpResponse<byte[]> get = swift.get("docs/hello.txt");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(body);
        assertThat(get.headers().firstValue("Etag")).hasValue(md5);
        assertThat(get.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(get.headers().firstValue("X-Object-Meta-Color")).hasValue("blue");
        assertThat(get.headers().firstValue("X-Object-Meta-Empty")).hasValue("");
        assertThat(get.headers().firstValue("X-Object-Meta-Test-Under")).hasValue("x");
        assertThat(get.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(get.headers().firstValue("X-Timestamp").orElseThrow()).matches("^\\d+\\.?\\d*$");

        HttpResponse<byte[]> head = swift.head("docs/hello.txt");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(body.length));
        assertThat(head.headers().firstValue("Etag")).hasValue(md5);

        assertThat(swift.post("docs/hello.txt", "X-Object-Meta-Shape", "round", "Content-Type", "text/x-greeting")
                .statusCode()).isEqualTo(202);
        HttpResponse<byte[]> after = swift.head("docs/hello.txt");
        assertThat(after.headers().firstValue("X-Object-Meta-Shape")).hasValue("round");
        assertThat(after.headers().firstValue("X-Object-Meta-Color")).as("POST replaces all metadata").isEmpty();
        assertThat(after.headers().firstValue("Content-Type")).hasValue("text/x-greeting");
        assertThat(swift.post("docs/missing", "X-Object-Meta-A", "b").statusCode()).isEqualTo(404);
    }

    @Test
    void anUploadWhoseEtagDoesNotMatchIsRejectedAndLeavesNothing() {
        swift.put("checked", null);
        HttpResponse<byte[]> put = swift.put("checked/o", "payload".getBytes(UTF_8), "ETag", "0123456789abcdef0123456789abcdef");
        assertThat(put.statusCode()).isEqualTo(422);
        assertThat(swift.head("checked/o").statusCode()).isEqualTo(404);
        assertThat(swift.head("checked").headers().firstValue("X-Container-Object-Count")).hasValue("0");
    }

    @Test
    void containerAndAccountMetadataAreSetAndRemoved() {
        assertThat(swift.put("meta", null, "X-Container-Meta-Owner", "alice", "X-Container-Meta-Temp", "1").statusCode())
                .isEqualTo(201);
        assertThat(swift.post("meta", "X-Remove-Container-Meta-Temp", "x", "X-Container-Meta-Team", "vision")
                .statusCode()).isEqualTo(204);
        HttpResponse<byte[]> head = swift.head("meta");
        assertThat(head.headers().firstValue("X-Container-Meta-Owner")).hasValue("alice");
        assertThat(head.headers().firstValue("X-Container-Meta-Team")).hasValue("vision");
        assertThat(head.headers().firstValue("X-Container-Meta-Temp")).isEmpty();
        swift.post("meta", "X-Container-Meta-Owner", "");
        assertThat(swift.head("meta").headers().firstValue("X-Container-Meta-Owner")).isEmpty();

        assertThat(swift.post("", "X-Account-Meta-Quota-Note", "gpu team").statusCode()).isEqualTo(204);
        assertThat(swift.head("").headers().firstValue("X-Account-Meta-Quota-Note")).hasValue("gpu team");
        swift.post("", "X-Remove-Account-Meta-Quota-Note", "x");
        assertThat(swift.head("").headers().firstValue("X-Account-Meta-Quota-Note")).isEmpty();

        assertThat(swift.post("meta", "X-Container-Meta-Big", "v".repeat(257)).statusCode()).isEqualTo(400);
    }

    @Test
    void rangeReadsReturnTheRequestedBytes() {
        swift.put("ranges", null);
        swift.put("ranges/digits", "0123456789".getBytes(UTF_8));
        HttpResponse<byte[]> first = swift.get("ranges/digits", "Range", "bytes=2-4");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(text(first)).isEqualTo("234");
        assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 2-4/10");
        assertThat(text(swift.get("ranges/digits", "Range", "bytes=7-"))).isEqualTo("789");
        assertThat(text(swift.get("ranges/digits", "Range", "bytes=-3"))).isEqualTo("789");
        assertThat(text(swift.get("ranges/digits", "Range", "bytes=8-100"))).isEqualTo("89");
        HttpResponse<byte[]> beyond = swift.get("ranges/digits", "Range", "bytes=10-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */10");
        assertThat(text(swift.get("ranges/digits", "Range", "bytes=0-1,4-5"))).as("several ranges: whole object")
                .isEqualTo("0123456789");
    }

    @Test
    void conditionalReadsCompareTheEtag() throws Exception {
        swift.put("cond", null);
        byte[] body = "conditional".getBytes(UTF_8);
        swift.put("cond/o", body);
        String etag = md5(body);
        assertThat(swift.get("cond/o", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(swift.get("cond/o", "If-None-Match", "\"" + etag + "\"").statusCode()).isEqualTo(304);
        assertThat(swift.get("cond/o", "If-Match", "nope").statusCode()).isEqualTo(412);
        assertThat(swift.get("cond/o", "If-Match", etag).statusCode()).isEqualTo(200);
        assertThat(swift.put("cond/o", body, "If-None-Match", "*").statusCode()).isEqualTo(412);
    }

    @Test
    void aChunkedUploadIsStoredWhole() throws Exception {
        swift.put("chunked", null);
        byte[] body = new byte[300_000];
        new java.util.Random(7).nextBytes(body);
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(swift.storageUrl() + "/chunked/blob"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
        HttpResponse<byte[]> put = swift.send(request);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("Etag")).hasValue(md5(body));
        assertThat(swift.get("chunked/blob").body()).isEqualTo(body);
    }

    @Test
    void unknownMethodsAndPathsAreSwiftErrors() {
        assertThat(swift.put("", null).statusCode()).isEqualTo(405);
        assertThat(swift.delete("").statusCode()).isEqualTo(405);
    }

    static String md5(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    }
}
