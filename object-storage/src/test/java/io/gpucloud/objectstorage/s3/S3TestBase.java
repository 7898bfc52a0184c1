package io.gpucloud.objectstorage.s3;

import io.gpucloud.objectstorage.ObjectStorageTestBase;
import io.gpucloud.objectstorage.s3.auth.AccessKeySecret;
import io.gpucloud.objectstorage.s3.auth.SecretLookup;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The service with a map of access keys standing in for identity's EC2 credentials. Each test gets its own
 * project and key ({@link #s3}); {@link #newProject} makes more.
 */
@Import(S3TestBase.Keys.class)
abstract class S3TestBase extends ObjectStorageTestBase {

    static final String REGION = "RegionOne";
    static final Map<String, AccessKeySecret> KEYS = new ConcurrentHashMap<>();

    @TestConfiguration
    static class Keys {
        @Bean
        @Primary
        SecretLookup testSecretLookup() {
            return accessKeyId -> Optional.ofNullable(KEYS.get(accessKeyId));
        }
    }

    protected S3TestClient s3;
    protected String project;

    @BeforeEach
    void s3Client() {
        project = "p-" + UUID.randomUUID().toString().substring(0, 8);
        s3 = newClient(project);
    }

    /** A client with a fresh access key acting in {@code project}. */
    S3TestClient newClient(String projectId) {
        String accessKey = "AK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase();
        String secret = UUID.randomUUID().toString().replace("-", "") + "S3cr3t";
        KEYS.put(accessKey, new AccessKeySecret(secret, projectId, "user-" + projectId));
        lastAccessKey = accessKey;
        lastSecret = secret;
        return new S3TestClient(port, accessKey, secret, REGION);
    }

    protected String lastAccessKey;
    protected String lastSecret;

    /** A unique, valid bucket name. */
    static String bucketName() {
        return "b-" + UUID.randomUUID().toString().substring(0, 13);
    }

    static String contentMd5(byte[] body) {
        return Base64.getEncoder().encodeToString(S3TestClient.md5(body));
    }

    String createBucket() {
        String bucket = bucketName();
        S3TestClient.Response created = s3.put("/" + bucket, null);
        if (created.status() != 200) {
            throw new AssertionError("CreateBucket: " + created.status() + " " + created.text());
        }
        return bucket;
    }
}
