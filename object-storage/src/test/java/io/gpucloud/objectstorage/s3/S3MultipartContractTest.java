package io.gpucloud.objectstorage.s3;

import static io.gpucloud.objectstorage.s3.S3TestClient.path;
import static io.gpucloud.objectstorage.s3.S3TestClient.query;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.objectstorage.store.GarbageCollector;
import io.gpucloud.objectstorage.store.MultipartService;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Multipart uploads: create, parts, list, complete (and its checks), abort, expiry, reading the result. */
class S3MultipartContractTest extends S3TestBase {

    private static final int MIB = 1024 * 1024;

    @Autowired
    MultipartService multipartService;

    @Autowired
    GarbageCollector collector;

    @Test
    void completesAnUploadIntoOneObjectWithS3sEtag() throws Exception {
        String bucket = createBucket();
        String key = "models/big.bin";
        String uploadId = create(bucket, key, "Content-Type", "application/x-weights", "x-amz-meta-run", "42");
        byte[] one = random(5 * MIB, 1);
        byte[] two = random(5 * MIB, 2);
        byte[] three = random(1234, 3);
        String etag1 = uploadPart(bucket, key, uploadId, 1, one);
        String etag2 = uploadPart(bucket, key, uploadId, 2, random(5 * MIB, 9)); // replaced below
        etag2 = uploadPart(bucket, key, uploadId, 2, two);
        String etag3 = uploadPart(bucket, key, uploadId, 3, three);
        assertThat(etag1).isEqualTo("\"" + S3TestClient.hex(S3TestClient.md5(one)) + "\"");

        S3TestClient.Response parts = s3.send("GET", path(bucket, key), query("uploadId", uploadId), null);
        assertThat(parts.elements("PartNumber")).containsExactly("1", "2", "3");
        assertThat(parts.elements("Size")).containsExactly(String.valueOf(5 * MIB), String.valueOf(5 * MIB), "1234");
        S3TestClient.Response page = s3.send("GET", path(bucket, key), query("uploadId", uploadId, "max-parts", "2"), null);
        assertThat(page.element("IsTruncated")).isEqualTo("true");
        assertThat(page.element("NextPartNumberMarker")).isEqualTo("2");
        assertThat(s3.send("GET", path(bucket, key), query("uploadId", uploadId, "part-number-marker", "2"), null)
                .elements("PartNumber")).containsExactly("3");

        S3TestClient.Response uploads = s3.send("GET", "/" + bucket, "uploads", null);
        assertThat(uploads.elements("UploadId")).containsExactly(uploadId);
        assertThat(uploads.elements("Key")).containsExactly(key);

        S3TestClient.Response completed = complete(bucket, key, uploadId, part(1, etag1), part(2, etag2), part(3, etag3));
        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
        MessageDigest md5s = MessageDigest.getInstance("MD5");
        for (byte[] part : List.of(one, two, three)) {
            md5s.update(S3TestClient.md5(part));
        }
        String expected = HexFormat.of().formatHex(md5s.digest()) + "-3";
        assertThat(completed.element("ETag")).isEqualTo("&quot;" + expected + "&quot;");

        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(one);
        whole.writeBytes(two);
        whole.writeBytes(three);
        S3TestClient.Response read = s3.get(path(bucket, key));
        assertThat(read.body()).isEqualTo(whole.toByteArray());
        assertThat(read.header("ETag")).isEqualTo("\"" + expected + "\"");
        assertThat(read.header("Content-Type")).isEqualTo("application/x-weights");
        assertThat(read.header("x-amz-meta-run")).isEqualTo("42");
        S3TestClient.Response across = s3.get(path(bucket, key), "Range", "bytes=" + (5 * MIB - 2) + "-" + (5 * MIB + 1));
        assertThat(across.body()).isEqualTo(java.util.Arrays.copyOfRange(whole.toByteArray(), 5 * MIB - 2, 5 * MIB + 2));
        assertThat(s3.send("GET", "/" + bucket, "uploads", null).elements("UploadId")).isEmpty();
        assertThat(s3.get("/" + bucket).element("Size")).isEqualTo(String.valueOf(10 * MIB + 1234));

        // Replacing and deleting the object remove its parts' files.
        long files = settledBodyFiles();
        assertThat(s3.put(path(bucket, key), "small".getBytes(UTF_8)).status()).isEqualTo(200);
        awaitBodyFiles(files - 3 + 1, "the replaced parts' files are gone");
        assertThat(s3.send("DELETE", path(bucket, key), null, null).status()).isEqualTo(204);
        awaitBodyFiles(files - 3, "the deleted object's file is gone");
    }

    @Test
    void completionChecksPartsOrderEtagsAndSizes() {
        String bucket = createBucket();
        String uploadId = create(bucket, "k", "Content-Type", "text/plain");
        String small1 = uploadPart(bucket, "k", uploadId, 1, "tiny".getBytes(UTF_8));
        String small2 = uploadPart(bucket, "k", uploadId, 2, "tiny too".getBytes(UTF_8));

        S3TestClient.Response order = complete(bucket, "k", uploadId, part(2, small2), part(1, small1));
        assertThat(order.status()).isEqualTo(400);
        assertThat(order.code()).isEqualTo("InvalidPartOrder");
        assertThat(complete(bucket, "k", uploadId, part(1, "\"0123\"")).code()).isEqualTo("InvalidPart");
        assertThat(complete(bucket, "k", uploadId, part(1, small1), part(7, small2)).code()).isEqualTo("InvalidPart");
        S3TestClient.Response tooSmall = complete(bucket, "k", uploadId, part(1, small1), part(2, small2));
        assertThat(tooSmall.status()).isEqualTo(400);
        assertThat(tooSmall.code()).isEqualTo("EntityTooSmall");
        byte[] empty = "<CompleteMultipartUpload></CompleteMultipartUpload>".getBytes(UTF_8);
        assertThat(s3.send("POST", path(bucket, "k"), query("uploadId", uploadId), empty).code()).isEqualTo("MalformedXML");
        assertThat(s3.send("HEAD", path(bucket, "k"), null, null).status()).as("nothing completed").isEqualTo(404);

        S3TestClient.Response last = complete(bucket, "k", uploadId, part(2, small2));
        assertThat(last.status()).as("a single small part is a valid last part").isEqualTo(200);
        assertThat(s3.get(path(bucket, "k")).text()).isEqualTo("tiny too");
        assertThat(complete(bucket, "k", uploadId, part(2, small2)).code()).isEqualTo("NoSuchUpload");

        assertThat(s3.send("PUT", path(bucket, "k"), query("partNumber", "10001", "uploadId", uploadId), "x".getBytes(UTF_8))
                .code()).isEqualTo("InvalidArgument");
        assertThat(s3.send("PUT", path(bucket, "k"), query("partNumber", "1", "uploadId", "not-an-id"), "x".getBytes(UTF_8))
                .code()).isEqualTo("NoSuchUpload");
        String other = create(bucket, "k", "Content-Type", "text/plain");
        assertThat(s3.send("PUT", path(bucket, "elsewhere"), query("partNumber", "1", "uploadId", other), "x".getBytes(UTF_8))
                .code()).as("an upload belongs to its key").isEqualTo("NoSuchUpload");
    }

    @Test
    void abortedUploadsDisappearWithTheirParts() {
        String bucket = createBucket();
        String uploadId = create(bucket, "gone", "Content-Type", "text/plain");
        uploadPart(bucket, "gone", uploadId, 1, random(1000, 4));
        long files = settledBodyFiles();
        assertThat(s3.send("DELETE", path(bucket, "gone"), query("uploadId", uploadId), null).status()).isEqualTo(204);
        assertThat(bodyFiles()).isEqualTo(files - 1);
        assertThat(s3.send("GET", path(bucket, "gone"), query("uploadId", uploadId), null).code()).isEqualTo("NoSuchUpload");
        assertThat(s3.send("DELETE", path(bucket, "gone"), query("uploadId", uploadId), null).code()).isEqualTo("NoSuchUpload");
        assertThat(s3.send("GET", "/" + bucket, "uploads", null).elements("UploadId")).isEmpty();
    }

    @Test
    void abandonedUploadsExpireAndTheirFilesAreCollected() throws Exception {
        String bucket = createBucket();
        String uploadId = create(bucket, "abandoned", "Content-Type", "text/plain");
        uploadPart(bucket, "abandoned", uploadId, 1, random(1000, 5));
        long files = settledBodyFiles();
        collector.collect();
        assertThat(bodyFiles()).as("a part in progress is referenced: the collector keeps it").isEqualTo(files);

        multipartService.abortStartedBefore(Instant.now().plusSeconds(1));
        assertThat(s3.send("GET", "/" + bucket, "uploads", null).elements("UploadId")).isEmpty();
        assertThat(bodyFiles()).isLessThan(files);
    }

    @Test
    void listMultipartUploadsPagesAndGroups() {
        String bucket = createBucket();
        for (String key : List.of("a/1", "a/2", "b", "c")) {
            create(bucket, key, "Content-Type", "text/plain");
        }
        S3TestClient.Response grouped = s3.send("GET", "/" + bucket, query("uploads", null, "delimiter", "/"), null);
        assertThat(grouped.elements("Key")).containsExactly("b", "c");
        assertThat(grouped.text()).contains("<CommonPrefixes><Prefix>a/</Prefix></CommonPrefixes>");
        S3TestClient.Response first = s3.send("GET", "/" + bucket, query("uploads", null, "max-uploads", "2"), null);
        assertThat(first.elements("Key")).containsExactly("a/1", "a/2");
        assertThat(first.element("IsTruncated")).isEqualTo("true");
        S3TestClient.Response next = s3.send("GET", "/" + bucket, query("uploads", null, "key-marker",
                first.element("NextKeyMarker"), "upload-id-marker", first.element("NextUploadIdMarker")), null);
        assertThat(next.elements("Key")).containsExactly("b", "c");
    }

    private String create(String bucket, String key, String... headers) {
        S3TestClient.Response created = s3.send("POST", path(bucket, key), "uploads", null, headers);
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(created.element("Key")).isEqualTo(key);
        return created.element("UploadId");
    }

    private String uploadPart(String bucket, String key, String uploadId, int number, byte[] body) {
        S3TestClient.Response part = s3.send("PUT", path(bucket, key),
                query("partNumber", String.valueOf(number), "uploadId", uploadId), body, "Content-MD5", contentMd5(body));
        assertThat(part.status()).as(part.text()).isEqualTo(200);
        return part.header("ETag");
    }

    private S3TestClient.Response complete(String bucket, String key, String uploadId, String... parts) {
        byte[] body = ("<CompleteMultipartUpload>" + String.join("", parts) + "</CompleteMultipartUpload>").getBytes(UTF_8);
        return s3.send("POST", path(bucket, key), query("uploadId", uploadId), body);
    }

    private static String part(int number, String etag) {
        return "<Part><PartNumber>" + number + "</PartNumber><ETag>" + etag + "</ETag></Part>";
    }


    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
