package io.gpucloud.objectstorage.s3.auth;

import java.util.Optional;

/**
 * The {@code Credential=} element of an Authorization header, or the {@code X-Amz-Credential}
 * query parameter: {@code AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request}.
 */
record Credential(String accessKeyId, CredentialScope scope) {
    /**
     * Splits a credential into key and scope; empty when it does not have five non-empty parts.
     * Whether the scope is acceptable here is for the verifier to judge, so that it can say which
     * part is wrong.
     */
    static Optional<Credential> parse(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length != 5) {
            return Optional.empty();
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new Credential(parts[0], new CredentialScope(parts[1], parts[2], parts[3], parts[4])));
    }
}
