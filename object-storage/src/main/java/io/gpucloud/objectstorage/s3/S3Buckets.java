package io.gpucloud.objectstorage.s3;

import static java.util.Objects.requireNonNull;

import io.gpucloud.objectstorage.store.BucketService;
import io.gpucloud.objectstorage.store.Container;
import io.gpucloud.objectstorage.store.ContainerService;
import org.springframework.stereotype.Component;

/**
 * Finds the bucket a request names: the container of that name in the caller's project's account. A name
 * that only another account holds is AccessDenied (S3's answer for someone else's bucket), an unknown one
 * NoSuchBucket.
 */
@Component
class S3Buckets {

    private final ContainerService containers;
    private final BucketService buckets;

    S3Buckets(ContainerService containers, BucketService buckets) {
        this.containers = requireNonNull(containers, "containers is null");
        this.buckets = requireNonNull(buckets, "buckets is null");
    }

    Container require(String project, String bucket) {
        return containers.find(project, bucket).orElseThrow(() -> buckets.ownedByAnotherAccount(project, bucket)
                ? new S3Exception(S3Error.ACCESS_DENIED, "Access Denied")
                : S3Exception.noSuchBucket(bucket));
    }
}
