package io.gpucloud.objectstorage.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Buckets, authentication and error bodies, over real SigV4 against the running service and PostgreSQL. */
class S3BucketContractTest extends S3TestBase {

    @Test
    void createsListsHeadsLocatesAndDeletesBuckets() {
        String bucket = bucketName();
        S3TestClient.Response created = s3.put("/" + bucket, null);
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.header("Location")).isEqualTo("/" + bucket);
        assertThat(created.header("x-amz-request-id")).isNotBlank();

        S3TestClient.Response list = s3.get("/");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.header("Content-Type")).startsWith("application/xml");
        assertThat(list.elements("Name")).containsExactly(bucket);
        assertThat(list.text()).contains("<ID>" + project + "</ID>").contains("<CreationDate>");

        S3TestClient.Response head = s3.send("HEAD", "/" + bucket, null, null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("x-amz-bucket-region")).isEqualTo(REGION);

        S3TestClient.Response location = s3.send("GET", "/" + bucket, "location", null);
        assertThat(location.status()).isEqualTo(200);
        assertThat(location.text()).contains(">RegionOne</LocationConstraint>");

        assertThat(s3.send("DELETE", "/" + bucket, null, null).status()).isEqualTo(204);
        assertThat(s3.send("HEAD", "/" + bucket, null, null).status()).isEqualTo(404);
        assertThat(s3.get("/").elements("Name")).isEmpty();
    }

    @Test
    void aLocationConstraintMustBeADeclaredRegion() {
        String bucket = bucketName();
        byte[] wrong = configuration("eu-west-1");
        S3TestClient.Response refused = s3.put("/" + bucket, wrong);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("InvalidLocationConstraint");
        assertThat(s3.send("HEAD", "/" + bucket, null, null).status()).isEqualTo(404);

        assertThat(s3.put("/" + bucket, configuration("RegionOne")).status()).isEqualTo(200);
        String other = bucketName();
        assertThat(s3.put("/" + other, configuration("")).status()).as("empty means the default region").isEqualTo(200);
        assertThat(s3.send("GET", "/" + other, "location", null).text()).contains(">RegionOne<");

        S3TestClient.Response malformed = s3.put("/" + bucketName(), "<CreateBucketConfiguration>".getBytes(UTF_8));
        assertThat(malformed.code()).isEqualTo("MalformedXML");
    }

    @Test
    void bucketNamesFollowS3Rules() {
        for (String name : new String[] {"ab", "UPPER-case", "under_score", "-leading", "trailing-", "two..dots",
                "192.168.1.10", "xn--punycode", "x".repeat(64), "name-s3alias"}) {
            S3TestClient.Response refused = s3.put("/" + name, null);
            assertThat(refused.status()).as(name).isEqualTo(400);
            assertThat(refused.code()).as(name).isEqualTo("InvalidBucketName");
        }
        assertThat(s3.put("/" + "a.b-c" + bucketName(), null).status()).isEqualTo(200);
    }

    @Test
    void bucketNamesAreGlobal() {
        String bucket = createBucket();
        S3TestClient.Response again = s3.put("/" + bucket, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("BucketAlreadyOwnedByYou");

        S3TestClient other = newClient("p-other-" + bucket);
        S3TestClient.Response taken = other.put("/" + bucket, null);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("BucketAlreadyExists");

        S3TestClient.Response denied = other.get("/" + bucket);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("AccessDenied");
        assertThat(other.put(S3TestClient.path(bucket, "k"), "x".getBytes(UTF_8)).code()).isEqualTo("AccessDenied");
        assertThat(other.send("HEAD", "/" + bucket, null, null).status()).isEqualTo(403);
        assertThat(other.send("DELETE", "/" + bucket, null, null).code()).isEqualTo("AccessDenied");
        assertThat(s3.send("HEAD", "/" + bucket, null, null).status()).as("still there").isEqualTo(200);
    }

    @Test
    void deletingABucketNeedsItEmpty() {
        String bucket = createBucket();
        assertThat(s3.put(S3TestClient.path(bucket, "k"), "x".getBytes(UTF_8)).status()).isEqualTo(200);
        S3TestClient.Response notEmpty = s3.send("DELETE", "/" + bucket, null, null);
        assertThat(notEmpty.status()).isEqualTo(409);
        assertThat(notEmpty.code()).isEqualTo("BucketNotEmpty");
        assertThat(s3.send("DELETE", S3TestClient.path(bucket, "k"), null, null).status()).isEqualTo(204);
        assertThat(s3.send("DELETE", "/" + bucket, null, null).status()).isEqualTo(204);

        S3TestClient.Response missing = s3.send("DELETE", "/" + bucket, null, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("NoSuchBucket");
        assertThat(missing.element("Resource")).isEqualTo("/" + bucket);
        assertThat(missing.element("RequestId")).isEqualTo(missing.header("x-amz-request-id"));
        assertThat(s3.get("/" + bucket).code()).isEqualTo("NoSuchBucket");
    }

    @Test
    void anonymousAndBadlySignedRequestsAreRefusedAndStoreNothing() {
        String bucket = createBucket();
        S3TestClient.Response anonymous = s3.anonymous("GET", "/" + bucket, null);
        assertThat(anonymous.status()).isEqualTo(403);
        assertThat(anonymous.code()).isEqualTo("AccessDenied");
        assertThat(anonymous.header("x-amz-request-id")).isNotBlank();
        assertThat(s3.anonymous("GET", "/", null).code()).isEqualTo("AccessDenied");

        S3TestClient forged = s3.withSecret("not-the-secret");
        S3TestClient.Response mismatch = forged.put(S3TestClient.path(bucket, "forged"), "payload".getBytes(UTF_8));
        assertThat(mismatch.status()).isEqualTo(403);
        assertThat(mismatch.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(mismatch.element("StringToSign")).startsWith("AWS4-HMAC-SHA256");
        assertThat(s3.send("HEAD", S3TestClient.path(bucket, "forged"), null, null).status()).isEqualTo(404);
        assertThat(forged.put("/" + bucketName(), null).code()).isEqualTo("SignatureDoesNotMatch");

        S3TestClient unknown = new S3TestClient(port, "AKNOSUCHKEY", "secret", REGION);
        assertThat(unknown.get("/").code()).isEqualTo("InvalidAccessKeyId");
        S3TestClient wrongRegion = new S3TestClient(port, lastAccessKey, lastSecret, "us-east-1");
        assertThat(wrongRegion.get("/").code()).isEqualTo("AuthorizationHeaderMalformed");
    }

    @Test
    void presignedUrlsWorkWithAPlainHttpClientUntilTheyExpire() {
        String bucket = createBucket();
        byte[] body = "presigned body".getBytes(UTF_8);
        S3TestClient.Response put = s3.fetch("PUT", s3.presign("PUT", S3TestClient.path(bucket, "dir/file.txt"),
                Duration.ofMinutes(5), Instant.now()), body);
        assertThat(put.status()).isEqualTo(200);
        S3TestClient.Response get = s3.fetch("GET", s3.presign("GET", S3TestClient.path(bucket, "dir/file.txt"),
                Duration.ofMinutes(5), Instant.now()), null);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(body);

        S3TestClient.Response expired = s3.fetch("GET", s3.presign("GET", S3TestClient.path(bucket, "dir/file.txt"),
                Duration.ofSeconds(60), Instant.now().minus(Duration.ofMinutes(10))), null);
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.code()).isEqualTo("AccessDenied");
        assertThat(expired.element("Message")).isEqualTo("Request has expired");
    }

    @Test
    void swiftRoutesStaySwiftAndUnsupportedFeaturesSayNotImplemented() {
        assertThat(swift.send("GET", "", null).statusCode()).isIn(200, 204);
        String bucket = createBucket();
        S3TestClient.Response acl = s3.send("GET", "/" + bucket, "acl", null);
        assertThat(acl.status()).isEqualTo(501);
        assertThat(acl.code()).isEqualTo("NotImplemented");
        assertThat(s3.send("POST", "/" + bucket, null, null).code()).isEqualTo("MethodNotAllowed");
    }

    @Test
    void swiftContainersAreBucketsOfTheSameProject() {
        io.gpucloud.objectstorage.SwiftClient own = client(project);
        assertThat(own.send("PUT", "Swift_Container", null).statusCode()).isEqualTo(201);
        assertThat(s3.get("/").elements("Name")).contains("Swift_Container");
        assertThat(s3.put(S3TestClient.path("Swift_Container", "from-s3"), "hi".getBytes(UTF_8),
                "x-amz-meta-origin", "s3").status()).isEqualTo(200);
        var viaSwift = own.send("GET", "Swift_Container/from-s3", null);
        assertThat(new String(viaSwift.body(), UTF_8)).isEqualTo("hi");
        assertThat(viaSwift.headers().firstValue("X-Object-Meta-Origin")).hasValue("s3");
        assertThat(s3.send("GET", S3TestClient.path("Swift_Container", "from-s3"), "tagging", null).text())
                .contains("<TagSet></TagSet>");
        assertThat(s3.send("HEAD", "/Swift_Container", null, null).header("x-amz-bucket-region")).isEqualTo(REGION);
    }

    private static byte[] configuration(String region) {
        return ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>"
                + region + "</LocationConstraint></CreateBucketConfiguration>").getBytes(UTF_8);
    }
}
