package io.gpucloud.objectstorage.s3;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Chooses the S3 operation from the method, whether a bucket and a key are named, and the sub-resource in
 * the query (S3 names operations that way: {@code POST /b?delete}, {@code GET /b/k?uploadId=…}).
 * Sub-resources this service does not implement (ACLs, policies, versioning, tagging…) are NotImplemented
 * rather than mistaken for a plain listing or read.
 */
@Component
class S3Dispatcher {

    /** Bucket and object sub-resources S3 has and this service does not offer. */
    private static final Set<String> UNSUPPORTED = Set.of("acl", "policy", "policyStatus", "versioning", "versions",
            "lifecycle", "cors", "website", "logging", "notification", "replication", "encryption",
            "object-lock", "legal-hold", "retention", "accelerate", "requestPayment", "inventory", "analytics",
            "metrics", "ownershipControls", "publicAccessBlock", "intelligent-tiering", "restore", "select",
            "torrent", "attributes");

    private final BucketOperations buckets;
    private final ObjectListings listings;
    private final ObjectOperations objects;
    private final DeleteObjectsOperation deleteObjects;
    private final MultipartOperations multiparts;

    S3Dispatcher(BucketOperations buckets, ObjectListings listings, ObjectOperations objects,
            DeleteObjectsOperation deleteObjects, MultipartOperations multiparts) {
        this.buckets = requireNonNull(buckets, "buckets is null");
        this.listings = requireNonNull(listings, "listings is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.deleteObjects = requireNonNull(deleteObjects, "deleteObjects is null");
        this.multiparts = requireNonNull(multiparts, "multiparts is null");
    }

    void serve(S3Request request) throws IOException {
        S3Path path = request.path();
        for (String parameter : path.query().keySet()) {
            boolean readsObjectTags = parameter.equals("tagging") && path.key() != null && request.method().equals("GET");
            if (UNSUPPORTED.contains(parameter) || (parameter.equals("tagging") && !readsObjectTags)) {
                throw new S3Exception(S3Error.NOT_IMPLEMENTED, "A header or query you provided implies functionality"
                        + " that is not implemented: ?" + parameter);
            }
        }
        if (path.bucket() == null) {
            serveService(request);
        } else if (path.key() == null) {
            serveBucket(request, path);
        } else {
            serveObject(request, path);
        }
    }

    private void serveService(S3Request request) throws IOException {
        if (!request.method().equals("GET")) {
            throw notAllowed();
        }
        buckets.listBuckets(request);
    }

    private void serveBucket(S3Request request, S3Path path) throws IOException {
        switch (request.method()) {
            case "PUT" -> buckets.create(request);
            case "HEAD" -> buckets.head(request);
            case "DELETE" -> buckets.delete(request);
            case "POST" -> {
                if (!path.has("delete")) {
                    throw notAllowed();
                }
                deleteObjects.deleteObjects(request);
            }
            case "GET" -> {
                if (path.has("location")) {
                    buckets.location(request);
                } else if (path.has("uploads")) {
                    multiparts.listUploads(request);
                } else if ("2".equals(path.param("list-type"))) {
                    listings.listV2(request);
                } else {
                    listings.listV1(request);
                }
            }
            default -> throw notAllowed();
        }
    }

    private void serveObject(S3Request request, S3Path path) throws IOException {
        switch (request.method()) {
            case "PUT" -> {
                boolean copy = request.header("x-amz-copy-source") != null;
                if (path.has("uploadId") || path.has("partNumber")) {
                    if (copy) {
                        multiparts.uploadPartCopy(request);
                    } else {
                        multiparts.uploadPart(request);
                    }
                } else if (copy) {
                    objects.copy(request);
                } else {
                    objects.put(request);
                }
            }
            case "GET", "HEAD" -> {
                if (path.has("uploadId") && request.method().equals("GET")) {
                    multiparts.listParts(request);
                } else if (path.has("tagging")) {
                    objects.tags(request);
                } else {
                    objects.get(request);
                }
            }
            case "DELETE" -> {
                if (path.has("uploadId")) {
                    multiparts.abort(request);
                } else {
                    objects.delete(request);
                }
            }
            case "POST" -> {
                if (path.has("uploads")) {
                    multiparts.create(request);
                } else if (path.has("uploadId")) {
                    multiparts.complete(request);
                } else {
                    throw notAllowed();
                }
            }
            default -> throw notAllowed();
        }
    }

    private static S3Exception notAllowed() {
        return new S3Exception(S3Error.METHOD_NOT_ALLOWED, "The specified method is not allowed against this resource.");
    }
}
