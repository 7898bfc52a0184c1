package io.gpucloud.objectstorage.s3;

import static io.gpucloud.objectstorage.s3.S3TestClient.path;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** PutObject, GetObject, HeadObject, DeleteObject, CopyObject and DeleteObjects, signed with real SigV4. */
class S3ObjectContractTest extends S3TestBase {

    @Test
    void putGetHeadAndDeleteAnObjectWithMetadata() {
        String bucket = createBucket();
        byte[] body = random(100_000, 1);
        S3TestClient.Response put = s3.put(path(bucket, "data/model.bin"), body, "Content-Type", "application/x-model",
                "x-amz-meta-Framework", "onnx", "Content-MD5", contentMd5(body));
        assertThat(put.status()).isEqualTo(200);
        String etag = "\"" + S3TestClient.hex(S3TestClient.md5(body)) + "\"";
        assertThat(put.header("ETag")).isEqualTo(etag);

        S3TestClient.Response get = s3.get(path(bucket, "data/model.bin"));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(body);
        assertThat(get.header("ETag")).isEqualTo(etag);
        assertThat(get.header("Content-Type")).isEqualTo("application/x-model");
        assertThat(get.header("x-amz-meta-framework")).isEqualTo("onnx");
        assertThat(get.header("Content-Length")).isEqualTo("100000");
        assertThat(get.header("Last-Modified")).endsWith("GMT");

        S3TestClient.Response head = s3.send("HEAD", path(bucket, "data/model.bin"), null, null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo("100000");
        assertThat(head.body()).isEmpty();

        assertThat(s3.send("DELETE", path(bucket, "data/model.bin"), null, null).status()).isEqualTo(204);
        assertThat(s3.send("DELETE", path(bucket, "data/model.bin"), null, null).status()).as("absent: still 204").isEqualTo(204);
        S3TestClient.Response missing = s3.get(path(bucket, "data/model.bin"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("NoSuchKey");
        assertThat(s3.send("HEAD", path(bucket, "data/model.bin"), null, null).status()).isEqualTo(404);
        assertThat(s3.get(path("no-such-" + bucket, "k")).code()).isEqualTo("NoSuchBucket");
    }

    @Test
    void aWrongContentMd5IsBadDigestAndStoresNothing() {
        String bucket = createBucket();
        S3TestClient.Response refused = s3.put(path(bucket, "k"), "actual".getBytes(UTF_8),
                "Content-MD5", contentMd5("other".getBytes(UTF_8)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("BadDigest");
        assertThat(s3.send("HEAD", path(bucket, "k"), null, null).status()).isEqualTo(404);
        assertThat(s3.put(path(bucket, "k"), "x".getBytes(UTF_8), "Content-MD5", "not-base64!").code()).isEqualTo("InvalidDigest");
        assertThat(s3.get("/" + bucket).elements("Key")).isEmpty();
    }

    @Test
    void streamedAwsChunkedUploadsAreVerifiedChunkByChunk() {
        String bucket = createBucket();
        byte[] body = random(200_000, 2);
        S3TestClient.Response put = s3.putChunked(path(bucket, "chunked.bin"), body, 64 * 1024, false,
                "Content-Type", "application/octet-stream");
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(s3.get(path(bucket, "chunked.bin")).body()).isEqualTo(body);

        S3TestClient.Response forged = s3.putChunked(path(bucket, "forged.bin"), body, 64 * 1024, true);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(s3.send("HEAD", path(bucket, "forged.bin"), null, null).status()).isEqualTo(404);
    }

    @Test
    void aPayloadThatDoesNotMatchItsSignedHashIsRefused() {
        String bucket = createBucket();
        S3TestClient.Response refused = s3.put(path(bucket, "k"), "body".getBytes(UTF_8),
                "x-amz-content-sha256", S3TestClient.hex(S3TestClient.sha256("other".getBytes(UTF_8))));
        assertThat(refused.code()).isIn("XAmzContentSHA256Mismatch", "SignatureDoesNotMatch");
        assertThat(s3.send("HEAD", path(bucket, "k"), null, null).status()).isEqualTo(404);
    }

    @Test
    void rangesAndConditions() {
        String bucket = createBucket();
        byte[] body = "0123456789".getBytes(UTF_8);
        String etag = s3.put(path(bucket, "digits"), body).header("ETag");

        S3TestClient.Response range = s3.get(path(bucket, "digits"), "Range", "bytes=2-5");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.text()).isEqualTo("2345");
        assertThat(range.header("Content-Range")).isEqualTo("bytes 2-5/10");
        assertThat(s3.get(path(bucket, "digits"), "Range", "bytes=-3").text()).isEqualTo("789");
        assertThat(s3.get(path(bucket, "digits"), "Range", "bytes=7-").text()).isEqualTo("789");
        S3TestClient.Response beyond = s3.get(path(bucket, "digits"), "Range", "bytes=10-20");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.code()).isEqualTo("InvalidRange");

        assertThat(s3.get(path(bucket, "digits"), "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(s3.get(path(bucket, "digits"), "If-None-Match", "\"other\"").status()).isEqualTo(200);
        assertThat(s3.get(path(bucket, "digits"), "If-Match", etag).status()).isEqualTo(200);
        S3TestClient.Response failed = s3.get(path(bucket, "digits"), "If-Match", "\"other\"");
        assertThat(failed.status()).isEqualTo(412);
        assertThat(failed.code()).isEqualTo("PreconditionFailed");
        String future = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(3600).atOffset(ZoneOffset.UTC));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().minusSeconds(3600).atOffset(ZoneOffset.UTC));
        assertThat(s3.get(path(bucket, "digits"), "If-Modified-Since", future).status()).isEqualTo(304);
        assertThat(s3.get(path(bucket, "digits"), "If-Modified-Since", past).status()).isEqualTo(200);
        assertThat(s3.get(path(bucket, "digits"), "If-Unmodified-Since", past).status()).isEqualTo(412);
    }

    @Test
    void keysAreAnyUtf8UpTo1024BytesTakenFromTheRawUri() {
        String bucket = createBucket();
        List<String> keys = List.of("..", "a/../b", "../escape", "/leading", "a//b", "trailing/", "日本語/ファイル.txt",
                "emoji 🚀 name", "percent%20sign+plus", "windows\\style\\path.txt", "x".repeat(1024));
        for (String key : keys) {
            byte[] body = ("body of " + key).getBytes(UTF_8);
            assertThat(s3.put(path(bucket, key), body).status()).as(key).isEqualTo(200);
            assertThat(s3.get(path(bucket, key)).body()).as(key).isEqualTo(body);
        }
        S3TestClient.Response listing = s3.send("GET", "/" + bucket, S3TestClient.query("list-type", "2", "encoding-type", "url"), null);
        assertThat(listing.elements("Key")).hasSize(keys.size());
        S3TestClient.Response tooLong = s3.put(path(bucket, "y".repeat(1025)), "x".getBytes(UTF_8));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo("KeyTooLongError");

        HttpResponse<byte[]> viaSwift = client(project).send("GET", bucket + "/" + S3TestClient.encode("日本語/ファイル.txt", false), null);
        assertThat(new String(viaSwift.body(), UTF_8)).as("the same object through Swift").isEqualTo("body of 日本語/ファイル.txt");
    }

    @Test
    void copyObjectCopiesOrReplacesMetadata() {
        String bucket = createBucket();
        String target = createBucket();
        byte[] body = random(50_000, 3);
        s3.put(path(bucket, "src"), body, "Content-Type", "text/x-source", "x-amz-meta-stage", "raw");

        S3TestClient.Response copied = s3.put(path(target, "copy"), null, "x-amz-copy-source", "/" + bucket + "/src");
        assertThat(copied.status()).as(copied.text()).isEqualTo(200);
        assertThat(copied.element("ETag")).isEqualTo("&quot;" + S3TestClient.hex(S3TestClient.md5(body)) + "&quot;");
        S3TestClient.Response copy = s3.get(path(target, "copy"));
        assertThat(copy.body()).isEqualTo(body);
        assertThat(copy.header("Content-Type")).isEqualTo("text/x-source");
        assertThat(copy.header("x-amz-meta-stage")).isEqualTo("raw");

        S3TestClient.Response replaced = s3.put(path(bucket, "src"), null, "x-amz-copy-source", bucket + "/src",
                "x-amz-metadata-directive", "REPLACE", "x-amz-meta-stage", "clean", "Content-Type", "text/plain");
        assertThat(replaced.status()).isEqualTo(200);
        S3TestClient.Response head = s3.send("HEAD", path(bucket, "src"), null, null);
        assertThat(head.header("x-amz-meta-stage")).isEqualTo("clean");
        assertThat(head.header("Content-Type")).isEqualTo("text/plain");

        S3TestClient.Response self = s3.put(path(bucket, "src"), null, "x-amz-copy-source", bucket + "/src");
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.code()).isEqualTo("InvalidRequest");
        assertThat(s3.put(path(bucket, "x"), null, "x-amz-copy-source", bucket + "/absent").code()).isEqualTo("NoSuchKey");
        assertThat(s3.put(path(bucket, "x"), null, "x-amz-copy-source", bucket + "/src",
                "x-amz-copy-source-if-match", "\"nope\"").code()).isEqualTo("PreconditionFailed");

        S3TestClient stranger = newClient("p-stranger-" + bucket);
        String theirs = bucketName();
        stranger.put("/" + theirs, null);
        assertThat(stranger.put(path(theirs, "stolen"), null, "x-amz-copy-source", bucket + "/src").code())
                .isEqualTo("AccessDenied");
    }

    @Test
    void deleteObjectsDeletesManyKeysQuietlyOrNot() {
        String bucket = createBucket();
        for (String key : List.of("a", "b", "c/d")) {
            s3.put(path(bucket, key), key.getBytes(UTF_8));
        }
        byte[] request = ("<Delete><Object><Key>a</Key></Object><Object><Key>c/d</Key></Object>"
                + "<Object><Key>never-existed</Key></Object></Delete>").getBytes(UTF_8);
        S3TestClient.Response deleted = s3.send("POST", "/" + bucket, "delete", request, "Content-MD5", contentMd5(request));
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.elements("Key")).containsExactly("a", "c/d", "never-existed");
        assertThat(deleted.text()).doesNotContain("<Error>");

        byte[] quiet = "<Delete><Quiet>true</Quiet><Object><Key>b</Key></Object></Delete>".getBytes(UTF_8);
        S3TestClient.Response quietly = s3.send("POST", "/" + bucket, "delete", quiet, "Content-MD5", contentMd5(quiet));
        assertThat(quietly.status()).isEqualTo(200);
        assertThat(quietly.elements("Key")).isEmpty();
        assertThat(s3.get("/" + bucket).elements("Key")).isEmpty();

        S3TestClient.Response noMd5 = s3.send("POST", "/" + bucket, "delete", quiet);
        assertThat(noMd5.status()).isEqualTo(400);
        assertThat(noMd5.code()).isEqualTo("InvalidRequest");
        S3TestClient.Response wrongMd5 = s3.send("POST", "/" + bucket, "delete", quiet, "Content-MD5", contentMd5(request));
        assertThat(wrongMd5.code()).isEqualTo("BadDigest");
        byte[] broken = "<Delete><Object>".getBytes(UTF_8);
        assertThat(s3.send("POST", "/" + bucket, "delete", broken, "Content-MD5", contentMd5(broken)).code()).isEqualTo("MalformedXML");
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
