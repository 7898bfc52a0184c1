package io.gpucloud.objectstorage.s3;

import io.gpucloud.objectstorage.store.ByteRange;
import static java.util.Objects.requireNonNull;

import io.gpucloud.objectstorage.http.BodySender;
import io.gpucloud.objectstorage.store.ObjectReadout;
import io.gpucloud.objectstorage.store.ObjectService;
import io.gpucloud.objectstorage.store.StorageException;
import io.gpucloud.objectstorage.store.StoredObject;
import io.gpucloud.objectstorage.store.UserMetadata;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** PutObject, GetObject, HeadObject, DeleteObject and CopyObject. */
@Component
class ObjectOperations {


    private final ObjectService objects;
    private final S3Buckets buckets;

    ObjectOperations(ObjectService objects, S3Buckets buckets) {
        this.objects = requireNonNull(objects, "objects is null");
        this.buckets = requireNonNull(buckets, "buckets is null");
    }

    /**
     * Streams the body into the store. Content-MD5 and the signature's payload checks are verified while it
     * is read; on any mismatch the stored file is removed and nothing becomes visible.
     */
    void put(S3Request request) throws IOException {
        buckets.require(request.project(), request.bucket());
        String key = request.key();
        String md5 = ContentMd5.hex(request.header("Content-MD5"));
        long length = request.requireContentLength();
        UserMetadata metadata = ObjectHeaders.userMetadata(request.http());
        StoredObject stored;
        try (InputStream body = request.body()) {
            stored = objects.put(request.project(), request.bucket(), key, body,
                    new ObjectService.Upload(length, md5, ObjectHeaders.contentType(request.http()), metadata, null));
        }
        request.response().setHeader("ETag", ObjectHeaders.quoted(stored.etag()));
        S3Responses.empty(request.response(), 200);
    }

    /** GetObject and HeadObject: conditions, one byte range, the body streamed from the version found. */
    void get(S3Request request) throws IOException {
        buckets.require(request.project(), request.bucket());
        String key = request.key();
        HttpServletResponse response = request.response();
        try (ObjectReadout readout = objects.open(request.project(), request.bucket(), key)) {
            StoredObject object = readout.object();
            switch (ReadConditions.evaluate(request.http(), "", readout.etag(), object.lastModified())) {
                case NOT_MODIFIED -> {
                    response.setHeader("ETag", ObjectHeaders.quoted(readout.etag()));
                    response.setHeader("Last-Modified", S3Dates.http(object.lastModified()));
                    S3Responses.empty(response, 304);
                    return;
                }
                case PRECONDITION_FAILED -> throw new S3Exception(S3Error.PRECONDITION_FAILED,
                        "At least one of the pre-conditions you specified did not hold");
                case PROCEED -> { }
            }
            Optional<ByteRange> range = ByteRangeRequest.parse(request.header("Range"), readout.size());
            long offset = range.map(ByteRange::first).orElse(0L);
            long length = range.map(ByteRange::length).orElse(readout.size());
            ObjectHeaders.write(response, object, readout.etag(), request.path());
            if (range.isPresent()) {
                response.setStatus(206);
                response.setHeader("Content-Range", "bytes " + offset + "-" + (offset + length - 1) + "/" + readout.size());
            } else {
                response.setStatus(200);
            }
            response.setContentLengthLong(length);
            if (request.isHead()) {
                return;
            }
            BodySender.send(request.http(), response, readout, offset, length);
        }
    }

    /**
     * GetObjectTagging: objects carry no tags here, so an existing object's tag set is empty. (awscli asks for
     * it before a multipart server-side copy, to carry the tags over.)
     */
    void tags(S3Request request) throws IOException {
        buckets.require(request.project(), request.bucket());
        objects.require(request.project(), request.bucket(), request.key());
        S3Responses.xml(request.response(), 200, XmlWriter.document("Tagging").start("TagSet").end("TagSet").finish("Tagging"));
    }

    /** DeleteObject: 204 whether or not the key existed, as S3 answers. */
    void delete(S3Request request) {
        buckets.require(request.project(), request.bucket());
        deleteIfPresent(request.project(), request.bucket(), request.key());
        S3Responses.empty(request.response(), 204);
    }

    void deleteIfPresent(String project, String bucket, String key) {
        try {
            objects.delete(project, bucket, key);
        } catch (StorageException e) {
            if (e.reason() != StorageException.Reason.NO_SUCH_OBJECT) {
                throw e;
            }
        }
    }

    /**
     * CopyObject: the source's current bytes into a new object. Metadata and content type are the source's
     * (directive COPY, the default) or the request's (REPLACE); copying an object onto itself is only
     * allowed when it replaces the metadata, as in S3.
     */
    void copy(S3Request request) throws IOException {
        buckets.require(request.project(), request.bucket());
        String key = request.key();
        CopySource source = CopySource.parse(request.header("x-amz-copy-source"));
        buckets.require(request.project(), source.bucket());
        String directive = Optional.ofNullable(request.header("x-amz-metadata-directive")).orElse("COPY")
                .strip().toUpperCase(Locale.ROOT);
        if (!directive.equals("COPY") && !directive.equals("REPLACE")) {
            throw S3Exception.invalidArgument("Unknown metadata directive.");
        }
        boolean replace = directive.equals("REPLACE");
        if (!replace && source.bucket().equals(request.bucket()) && source.key().equals(key)) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "This copy request is illegal because it is trying to copy"
                    + " an object to itself without changing the object's metadata, storage class, website redirect"
                    + " location or encryption attributes.");
        }
        StoredObject original = objects.require(request.project(), source.bucket(), source.key());
        if (ReadConditions.evaluate(request.http(), "x-amz-copy-source-", original.etag(), original.lastModified())
                != ReadConditions.Outcome.PROCEED) {
            throw new S3Exception(S3Error.PRECONDITION_FAILED, "At least one of the pre-conditions you specified did not hold");
        }
        ObjectService.CopyOptions options = replace
                ? new ObjectService.CopyOptions(ObjectHeaders.contentType(request.http()),
                        ObjectHeaders.userMetadata(request.http()).values(), true)
                : new ObjectService.CopyOptions(null, Map.of(), false);
        StoredObject copied = objects.copy(request.project(), source.bucket(), source.key(), request.project(),
                request.bucket(), key, options);
        S3Responses.xml(request.response(), 200, XmlWriter.document("CopyObjectResult")
                .element("LastModified", S3Dates.xml(copied.lastModified()))
                .element("ETag", ObjectHeaders.quoted(copied.etag()))
                .finish("CopyObjectResult"));
    }
}
