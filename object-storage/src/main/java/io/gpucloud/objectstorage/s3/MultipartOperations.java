package io.gpucloud.objectstorage.s3;

import io.gpucloud.objectstorage.store.ByteRange;
import static java.util.Objects.requireNonNull;

import io.gpucloud.objectstorage.store.Container;
import io.gpucloud.objectstorage.store.MultipartService;
import io.gpucloud.objectstorage.store.MultipartUpload;
import io.gpucloud.objectstorage.store.ObjectReadout;
import io.gpucloud.objectstorage.store.ObjectService;
import io.gpucloud.objectstorage.store.StoredObject;
import io.gpucloud.objectstorage.store.UploadedPart;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * Multipart uploads: CreateMultipartUpload, UploadPart (streamed like PutObject), UploadPartCopy,
 * CompleteMultipartUpload, AbortMultipartUpload, ListParts and ListMultipartUploads.
 */
@Component
class MultipartOperations {

    private static final int MAX_COMPLETION_BYTES = 4 * 1024 * 1024;
    private static final int MAX_LISTED = 1000;

    private final MultipartService multiparts;
    private final ObjectService objects;
    private final S3Buckets buckets;

    MultipartOperations(MultipartService multiparts, ObjectService objects, S3Buckets buckets) {
        this.multiparts = requireNonNull(multiparts, "multiparts is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.buckets = requireNonNull(buckets, "buckets is null");
    }

    void create(S3Request request) throws IOException {
        buckets.require(request.project(), request.bucket());
        MultipartUpload upload = multiparts.start(request.project(), request.bucket(), request.key(),
                ObjectHeaders.contentType(request.http()), ObjectHeaders.userMetadata(request.http()));
        S3Responses.xml(request.response(), 200, XmlWriter.document("InitiateMultipartUploadResult")
                .element("Bucket", request.bucket()).element("Key", upload.name())
                .element("UploadId", upload.id()).finish("InitiateMultipartUploadResult"));
    }

    void uploadPart(S3Request request) throws IOException {
        buckets.require(request.project(), request.bucket());
        String key = request.key();
        UUID uploadId = uploadId(request);
        int partNumber = partNumber(request);
        String md5 = ContentMd5.hex(request.header("Content-MD5"));
        long length = request.requireContentLength();
        UploadedPart part;
        try (InputStream body = request.body()) {
            part = multiparts.uploadPart(request.project(), request.bucket(), key, uploadId, partNumber, body, length, md5);
        }
        request.response().setHeader("ETag", ObjectHeaders.quoted(part.etag()));
        S3Responses.empty(request.response(), 200);
    }

    /** UploadPartCopy: a part made from (a byte range of) an existing object. */
    void uploadPartCopy(S3Request request) throws IOException {
        buckets.require(request.project(), request.bucket());
        String key = request.key();
        UUID uploadId = uploadId(request);
        int partNumber = partNumber(request);
        CopySource source = CopySource.parse(request.header("x-amz-copy-source"));
        buckets.require(request.project(), source.bucket());
        multiparts.require(request.project(), request.bucket(), key, uploadId);
        UploadedPart part;
        try (ObjectReadout readout = objects.open(request.project(), source.bucket(), source.key())) {
            if (ReadConditions.evaluate(request.http(), "x-amz-copy-source-", readout.etag(),
                    readout.object().lastModified()) != ReadConditions.Outcome.PROCEED) {
                throw new S3Exception(S3Error.PRECONDITION_FAILED, "At least one of the pre-conditions you specified did not hold");
            }
            String rangeHeader = request.header("x-amz-copy-source-range");
            Optional<ByteRange> range = ByteRangeRequest.parse(rangeHeader, readout.size());
            if (rangeHeader != null && range.isEmpty()) {
                throw S3Exception.invalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last.");
            }
            long offset = range.map(ByteRange::first).orElse(0L);
            long length = range.map(ByteRange::length).orElse(readout.size());
            try (InputStream body = readout.stream(offset, length)) {
                part = multiparts.uploadPart(request.project(), request.bucket(), key, uploadId, partNumber, body, length, null);
            }
        }
        S3Responses.xml(request.response(), 200, XmlWriter.document("CopyPartResult")
                .element("LastModified", S3Dates.xml(part.lastModified()))
                .element("ETag", ObjectHeaders.quoted(part.etag())).finish("CopyPartResult"));
    }

    void complete(S3Request request) throws IOException {
        buckets.require(request.project(), request.bucket());
        String key = request.key();
        UUID uploadId = uploadId(request);
        Element root = XmlBodies.parse(request.smallBody(MAX_COMPLETION_BYTES));
        XmlBodies.requireRoot(root, "CompleteMultipartUpload");
        List<MultipartService.PartChoice> chosen = new ArrayList<>();
        for (Element part : XmlBodies.children(root, "Part")) {
            String number = XmlBodies.text(part, "PartNumber");
            String etag = XmlBodies.text(part, "ETag");
            if (number == null || etag == null) {
                throw XmlBodies.malformed();
            }
            try {
                chosen.add(new MultipartService.PartChoice(Integer.parseInt(number.strip()), ObjectHeaders.unquoted(etag)));
            } catch (NumberFormatException e) {
                throw XmlBodies.malformed();
            }
        }
        if (chosen.isEmpty()) {
            throw XmlBodies.malformed();
        }
        StoredObject object = multiparts.complete(request.project(), request.bucket(), key, uploadId, chosen);
        S3Responses.xml(request.response(), 200, XmlWriter.document("CompleteMultipartUploadResult")
                .element("Location", "/" + request.bucket() + "/" + key)
                .element("Bucket", request.bucket()).element("Key", key)
                .element("ETag", ObjectHeaders.quoted(object.etag())).finish("CompleteMultipartUploadResult"));
    }

    void abort(S3Request request) {
        buckets.require(request.project(), request.bucket());
        multiparts.abort(request.project(), request.bucket(), request.key(), uploadId(request));
        S3Responses.empty(request.response(), 204);
    }

    void listParts(S3Request request) throws IOException {
        buckets.require(request.project(), request.bucket());
        MultipartUpload upload = multiparts.require(request.project(), request.bucket(), request.key(), uploadId(request));
        int after = nonNegative(request.path().param("part-number-marker"), 0, "part-number-marker");
        int max = Math.min(nonNegative(request.path().param("max-parts"), MAX_LISTED, "max-parts"), MAX_LISTED);
        List<UploadedPart> parts = new ArrayList<>(multiparts.parts(upload, after, max + 1));
        boolean truncated = parts.size() > max;
        if (truncated) {
            parts.remove(parts.size() - 1);
        }
        XmlWriter xml = XmlWriter.document("ListPartsResult").element("Bucket", request.bucket())
                .element("Key", upload.name()).element("UploadId", upload.id());
        xml.start("Initiator").element("ID", request.project()).element("DisplayName", request.project()).end("Initiator");
        BucketOperations.owner(xml, request.project()).element("StorageClass", "STANDARD")
                .element("PartNumberMarker", after)
                .element("NextPartNumberMarker", parts.isEmpty() ? after : parts.get(parts.size() - 1).partNumber())
                .element("MaxParts", max).element("IsTruncated", truncated);
        for (UploadedPart part : parts) {
            xml.start("Part").element("PartNumber", part.partNumber())
                    .element("LastModified", S3Dates.xml(part.lastModified()))
                    .element("ETag", ObjectHeaders.quoted(part.etag())).element("Size", part.size()).end("Part");
        }
        S3Responses.xml(request.response(), 200, xml.finish("ListPartsResult"));
    }

    /**
     * ListMultipartUploads in (key, upload id) order. With a delimiter, keys holding it after the prefix are
     * folded into CommonPrefixes over the uploads read (uploads in progress are few; no seek past a prefix).
     */
    void listUploads(S3Request request) throws IOException {
        S3Path path = request.path();
        Container container = buckets.require(request.project(), request.bucket());
        int max = Math.min(nonNegative(path.param("max-uploads"), MAX_LISTED, "max-uploads"), MAX_LISTED);
        boolean url = ObjectListings.urlEncoding(path.param("encoding-type"));
        String prefix = path.param("prefix") == null ? "" : path.param("prefix");
        String delimiter = path.param("delimiter") == null || path.param("delimiter").isEmpty() ? null : path.param("delimiter");
        String keyMarker = path.param("key-marker") == null || path.param("key-marker").isEmpty() ? null : path.param("key-marker");
        UUID uploadIdMarker = keyMarker == null ? null : optionalUuid(path.param("upload-id-marker"));

        List<MultipartUpload> uploads = new ArrayList<>();
        Set<String> prefixes = new LinkedHashSet<>();
        boolean truncated = false;
        String lastKey = null;
        UUID lastUpload = null;
        String readKey = keyMarker;
        UUID readUpload = uploadIdMarker;
        outer:
        while (true) {
            List<MultipartUpload> batch = multiparts.inProgress(container, prefix, readKey, readUpload, MAX_LISTED);
            for (MultipartUpload upload : batch) {
                readKey = upload.name();
                readUpload = upload.id();
                String common = delimiter == null ? null : commonPrefix(upload.name(), prefix, delimiter);
                if (common != null && prefixes.contains(common)) {
                    continue;
                }
                if (uploads.size() + prefixes.size() == max) {
                    truncated = true;
                    break outer;
                }
                if (common != null) {
                    prefixes.add(common);
                } else {
                    uploads.add(upload);
                }
                lastKey = upload.name();
                lastUpload = upload.id();
            }
            if (batch.size() < MAX_LISTED) {
                break;
            }
        }
        XmlWriter xml = XmlWriter.document("ListMultipartUploadsResult").element("Bucket", request.bucket())
                .element("KeyMarker", ObjectListings.encode(keyMarker == null ? "" : keyMarker, url))
                .element("UploadIdMarker", uploadIdMarker == null ? "" : uploadIdMarker.toString())
                .element("NextKeyMarker", truncated ? ObjectListings.encode(lastKey, url) : null)
                .element("NextUploadIdMarker", truncated ? String.valueOf(lastUpload) : null)
                .element("Prefix", ObjectListings.encode(prefix, url))
                .element("Delimiter", ObjectListings.encode(delimiter, url))
                .element("MaxUploads", max).element("EncodingType", url ? "url" : null)
                .element("IsTruncated", truncated);
        for (MultipartUpload upload : uploads) {
            xml.start("Upload").element("Key", ObjectListings.encode(upload.name(), url)).element("UploadId", upload.id());
            xml.start("Initiator").element("ID", request.project()).element("DisplayName", request.project()).end("Initiator");
            BucketOperations.owner(xml, request.project()).element("StorageClass", "STANDARD")
                    .element("Initiated", S3Dates.xml(upload.initiatedAt())).end("Upload");
        }
        for (String common : prefixes) {
            xml.start("CommonPrefixes").element("Prefix", ObjectListings.encode(common, url)).end("CommonPrefixes");
        }
        S3Responses.xml(request.response(), 200, xml.finish("ListMultipartUploadsResult"));
    }

    private static String commonPrefix(String name, String prefix, String delimiter) {
        int at = name.indexOf(delimiter, prefix.length());
        return at < 0 ? null : name.substring(0, at + delimiter.length());
    }

    private static UUID uploadId(S3Request request) {
        UUID id = optionalUuid(request.path().param("uploadId"));
        if (id == null) {
            throw new S3Exception(S3Error.NO_SUCH_UPLOAD, "The specified upload does not exist. The upload ID may be"
                    + " invalid, or the upload may have been aborted or completed.");
        }
        return id;
    }

    private static UUID optionalUuid(String value) {
        try {
            return value == null || value.isEmpty() ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int partNumber(S3Request request) {
        String value = request.path().param("partNumber");
        try {
            int number = Integer.parseInt(value);
            if (number >= 1 && number <= MultipartService.MAX_PART_NUMBER) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw S3Exception.invalidArgument("Part number must be an integer between 1 and 10000, inclusive");
    }

    private static int nonNegative(String value, int absent, String name) {
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw S3Exception.invalidArgument("Provided " + name + " not an integer or within integer range");
    }
}
