package io.gpucloud.objectstorage.s3.auth;

import java.util.Optional;

/**
 * Finds the secret for an access key id. Identity's EC2 credentials implement it; tests use a map.
 *
 * <p>Called once per request, after the request's shape and clock have been checked, so that
 * malformed or stale requests cost no lookup.
 */
@FunctionalInterface
public interface SecretLookup {
    /** The secret and owner of {@code accessKeyId}, or empty when no such key exists (or it is disabled). */
    Optional<AccessKeySecret> find(String accessKeyId);
}
