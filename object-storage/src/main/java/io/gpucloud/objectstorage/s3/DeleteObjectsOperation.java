package io.gpucloud.objectstorage.s3;

import static java.util.Objects.requireNonNull;

import io.gpucloud.objectstorage.store.StorageException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * DeleteObjects ({@code POST /bucket?delete}): up to 1,000 keys in one XML request, each deleted on its own
 * (an absent key counts as deleted, as in S3). S3 requires the body's integrity to be declared, by
 * Content-MD5 or an x-amz-checksum-* header; both are checked before anything is deleted.
 */
@Component
class DeleteObjectsOperation {

    private static final int MAX_KEYS = 1000;
    private static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    private final S3Buckets buckets;
    private final ObjectOperations objects;

    DeleteObjectsOperation(S3Buckets buckets, ObjectOperations objects) {
        this.buckets = requireNonNull(buckets, "buckets is null");
        this.objects = requireNonNull(objects, "objects is null");
    }

    void deleteObjects(S3Request request) throws IOException {
        buckets.require(request.project(), request.bucket());
        String md5 = ContentMd5.hex(request.header("Content-MD5"));
        boolean checksumHeader = Collections.list(request.http().getHeaderNames()).stream()
                .anyMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("x-amz-checksum-"));
        if (md5 == null && !checksumHeader) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "Missing required header for this request: Content-Md5");
        }
        byte[] body = request.smallBody(MAX_BODY_BYTES); // an x-amz-checksum-* header is verified while read
        if (md5 != null && !md5.equals(HexFormat.of().formatHex(md5(body)))) {
            throw new S3Exception(S3Error.BAD_DIGEST, "The Content-MD5 you specified did not match what we received.");
        }
        Element root = XmlBodies.parse(body);
        XmlBodies.requireRoot(root, "Delete");
        boolean quiet = "true".equalsIgnoreCase(String.valueOf(XmlBodies.text(root, "Quiet")).strip());
        List<String> keys = new ArrayList<>();
        for (Element object : XmlBodies.children(root, "Object")) {
            String key = XmlBodies.text(object, "Key");
            if (key == null) {
                throw XmlBodies.malformed();
            }
            keys.add(key);
        }
        if (keys.isEmpty() || keys.size() > MAX_KEYS) {
            throw XmlBodies.malformed();
        }
        XmlWriter xml = XmlWriter.document("DeleteResult");
        for (String key : keys) {
            try {
                if (key.isEmpty() || key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1024) {
                    throw new S3Exception(S3Error.KEY_TOO_LONG, "Your key is too long");
                }
                objects.deleteIfPresent(request.project(), request.bucket(), key);
                if (!quiet) {
                    xml.start("Deleted").element("Key", key).end("Deleted");
                }
            } catch (S3Exception | StorageException e) {
                S3Error error = e instanceof S3Exception s3 ? s3.error() : S3Errors.of(((StorageException) e).reason());
                xml.start("Error").element("Key", key).element("Code", error.code())
                        .element("Message", e.getMessage()).end("Error");
            }
        }
        S3Responses.xml(request.response(), 200, xml.finish("DeleteResult"));
    }

    private static byte[] md5(byte[] body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has MD5", e);
        }
    }
}
