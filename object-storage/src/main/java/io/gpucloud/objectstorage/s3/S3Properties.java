package io.gpucloud.objectstorage.s3;

import static java.util.Objects.requireNonNull;

import io.gpucloud.objectstorage.s3.auth.MissingContentSha256Policy;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the S3 API, {@code cloud.object.s3.*}.
 *
 * @param regions the regions the cloud declares: clients sign with one of them and may name one as a
 *     bucket's LocationConstraint; the first is the default (an absent or empty LocationConstraint)
 * @param maxClockSkew how far a signed request's time may be from the server's
 * @param missingContentSha256 what to do with a header-signed request without x-amz-content-sha256
 *     (AWS rejects it; {@code ASSUME_EMPTY_PAYLOAD} lets curl's {@code --aws-sigv4} in)
 */
@ConfigurationProperties("cloud.object.s3")
record S3Properties(
        @DefaultValue("RegionOne") List<String> regions,
        @DefaultValue("PT15M") Duration maxClockSkew,
        @DefaultValue("REJECT") MissingContentSha256Policy missingContentSha256) {

    S3Properties {
        regions = List.copyOf(requireNonNull(regions, "regions is null"));
        requireNonNull(maxClockSkew, "maxClockSkew is null");
        requireNonNull(missingContentSha256, "missingContentSha256 is null");
    }

    String defaultRegion() {
        return regions.get(0);
    }
}
