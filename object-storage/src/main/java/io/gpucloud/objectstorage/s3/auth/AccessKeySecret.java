package io.gpucloud.objectstorage.s3.auth;

import static java.util.Objects.requireNonNull;

/**
 * The secret half of an EC2-style credential and whom it belongs to, as identity stores it.
 *
 * <p>{@link #toString()} leaves the secret out so that the record can be logged.
 *
 * @param secretAccessKey the secret the client signs with
 * @param projectId the project the credential acts in (the S3 "account")
 * @param userId the user who owns the credential
 */
public record AccessKeySecret(String secretAccessKey, String projectId, String userId) {
    public AccessKeySecret {
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(userId, "userId is null");
    }

    @Override
    public String toString() {
        return "AccessKeySecret[projectId=" + projectId + ", userId=" + userId + ", secretAccessKey=****]";
    }
}
