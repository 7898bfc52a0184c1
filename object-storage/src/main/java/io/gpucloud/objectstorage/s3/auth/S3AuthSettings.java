package io.gpucloud.objectstorage.s3.auth;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * The operator's choices for S3 authentication, passed in rather than read from globals.
 *
 * @param regions the region names this cloud answers to; a signature scoped to any other region
 *     is refused. S3 clients sign with the region they were configured with, so these are the
 *     names users may put in {@code AWS_DEFAULT_REGION}. The first is named in the error for a
 *     wrong region, and botocore re-signs with the region that error names
 * @param maxClockSkew how far a request's time may be from the server clock (AWS: 15 minutes)
 * @param maxChunkSize the largest aws-chunked chunk accepted; a signed chunk is held in memory
 *     until its signature is checked, so this bounds memory per upload (the SDKs' chunks are far
 *     smaller; awscli sent a 3000-byte body as one chunk)
 * @param missingContentSha256 what to do when a header-signed request lacks x-amz-content-sha256
 */
public record S3AuthSettings(
        List<String> regions, Duration maxClockSkew, int maxChunkSize, MissingContentSha256Policy missingContentSha256) {
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_CHUNK_SIZE = 16 * 1024 * 1024;

    public S3AuthSettings {
        regions = List.copyOf(requireNonNull(regions, "regions is null"));
        requireNonNull(maxClockSkew, "maxClockSkew is null");
        requireNonNull(missingContentSha256, "missingContentSha256 is null");
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("at least one region must be declared");
        }
        if (regions.stream().distinct().count() != regions.size()) {
            throw new IllegalArgumentException("regions are repeated: " + regions);
        }
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("maxClockSkew is negative: " + maxClockSkew);
        }
        if (maxChunkSize < 1) {
            throw new IllegalArgumentException("maxChunkSize must be positive: " + maxChunkSize);
        }
    }

    /** AWS's behaviour for one region: 15 minutes of skew, 16 MiB chunks, x-amz-content-sha256 required. */
    public static S3AuthSettings forRegion(String region) {
        return new S3AuthSettings(List.of(region), DEFAULT_MAX_CLOCK_SKEW, DEFAULT_MAX_CHUNK_SIZE, MissingContentSha256Policy.REJECT);
    }
}
