package io.gpucloud.objectstorage.s3;

import io.gpucloud.objectstorage.store.Names;
import java.nio.charset.StandardCharsets;

/**
 * The {@code x-amz-copy-source} header: {@code [/]bucket/key[?versionId=…]}, URL-encoded. Only current
 * versions exist here, so a version id is ignored.
 */
record CopySource(String bucket, String key) {

    static CopySource parse(String header) {
        if (header == null || header.isBlank()) {
            throw S3Exception.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
        }
        String raw = header.strip();
        int question = raw.indexOf('?');
        if (question >= 0) {
            raw = raw.substring(0, question);
        }
        String decoded = PercentDecoding.path(raw);
        if (decoded.startsWith("/")) {
            decoded = decoded.substring(1);
        }
        int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1) {
            throw S3Exception.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
        }
        String key = decoded.substring(slash + 1);
        if (key.getBytes(StandardCharsets.UTF_8).length > Names.MAX_OBJECT_NAME_BYTES) {
            throw new S3Exception(S3Error.KEY_TOO_LONG, "Your key is too long");
        }
        return new CopySource(decoded.substring(0, slash), key);
    }
}
