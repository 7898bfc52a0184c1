package io.gpucloud.objectstorage.s3;

import static java.util.Objects.requireNonNull;

import io.gpucloud.objectstorage.store.Container;
import io.gpucloud.objectstorage.store.ListingEntry;
import io.gpucloud.objectstorage.store.ListingQuery;
import io.gpucloud.objectstorage.store.NameOrder;
import io.gpucloud.objectstorage.store.ObjectService;
import io.gpucloud.objectstorage.store.StoredObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * ListObjectsV2 and ListObjects (V1) over the store's name index. One more entry than asked for is read to
 * know whether the listing is truncated; the next page starts after the last key or common prefix returned
 * (the store's listing seeks past a common prefix instead of reading what it holds). A continuation token
 * is that name, base64url-encoded: opaque to clients, and stateless on any replica.
 */
@Component
class ObjectListings {

    static final int MAX_KEYS = 1000;

    private final ObjectService objects;
    private final S3Buckets buckets;

    ObjectListings(ObjectService objects, S3Buckets buckets) {
        this.objects = requireNonNull(objects, "objects is null");
        this.buckets = requireNonNull(buckets, "buckets is null");
    }

    private record Page(List<ListingEntry<StoredObject>> entries, boolean truncated) {
        String lastName() {
            return entries.get(entries.size() - 1).name();
        }
    }

    void listV2(S3Request request) throws IOException {
        S3Path path = request.path();
        Container container = buckets.require(request.project(), request.bucket());
        int maxKeys = maxKeys(path.param("max-keys"));
        boolean url = urlEncoding(path.param("encoding-type"));
        String token = path.param("continuation-token");
        String startAfter = path.param("start-after");
        String marker = startAfter;
        if (token != null) {
            String resumeAfter = decodeToken(token);
            marker = marker == null || NameOrder.compare(resumeAfter, marker) > 0 ? resumeAfter : marker;
        }
        Page page = read(container, path.param("prefix"), path.param("delimiter"), marker, maxKeys);
        boolean fetchOwner = "true".equals(path.param("fetch-owner"));

        XmlWriter xml = XmlWriter.document("ListBucketResult").element("Name", request.bucket())
                .element("Prefix", encode(path.param("prefix") == null ? "" : path.param("prefix"), url))
                .element("Delimiter", encode(path.param("delimiter"), url))
                .element("MaxKeys", maxKeys)
                .element("EncodingType", url ? "url" : null)
                .element("KeyCount", page.entries().size())
                .element("IsTruncated", page.truncated())
                .element("ContinuationToken", token)
                .element("NextContinuationToken", page.truncated() ? encodeToken(page.lastName()) : null)
                .element("StartAfter", encode(startAfter, url));
        entries(xml, page, url, fetchOwner ? request.project() : null);
        S3Responses.xml(request.response(), 200, xml.finish("ListBucketResult"));
    }

    void listV1(S3Request request) throws IOException {
        S3Path path = request.path();
        Container container = buckets.require(request.project(), request.bucket());
        int maxKeys = maxKeys(path.param("max-keys"));
        boolean url = urlEncoding(path.param("encoding-type"));
        String marker = path.param("marker");
        String delimiter = path.param("delimiter");
        Page page = read(container, path.param("prefix"), delimiter, marker, maxKeys);

        XmlWriter xml = XmlWriter.document("ListBucketResult").element("Name", request.bucket())
                .element("Prefix", encode(path.param("prefix") == null ? "" : path.param("prefix"), url))
                .element("Marker", encode(marker == null ? "" : marker, url))
                // S3 returns NextMarker only with a delimiter; without one, clients resume after the last key.
                .element("NextMarker", page.truncated() && delimiter != null && !delimiter.isEmpty()
                        ? encode(page.lastName(), url) : null)
                .element("MaxKeys", maxKeys)
                .element("Delimiter", encode(delimiter, url))
                .element("EncodingType", url ? "url" : null)
                .element("IsTruncated", page.truncated());
        entries(xml, page, url, request.project());
        S3Responses.xml(request.response(), 200, xml.finish("ListBucketResult"));
    }

    private Page read(Container container, String prefix, String delimiter, String marker, int maxKeys) {
        if (maxKeys == 0) {
            return new Page(List.of(), false);
        }
        List<ListingEntry<StoredObject>> entries = new ArrayList<>(
                objects.list(container, new ListingQuery(prefix, delimiter, marker, null, maxKeys + 1, false)));
        boolean truncated = entries.size() > maxKeys;
        if (truncated) {
            entries.remove(entries.size() - 1);
        }
        return new Page(entries, truncated);
    }

    /** Contents first, then CommonPrefixes, as S3 orders them. {@code owner} null leaves Owner out. */
    private static void entries(XmlWriter xml, Page page, boolean url, String owner) {
        for (ListingEntry<StoredObject> entry : page.entries()) {
            if (entry instanceof ListingEntry.Item<StoredObject> item) {
                StoredObject object = item.value();
                xml.start("Contents").element("Key", encode(object.name(), url))
                        .element("LastModified", S3Dates.xml(object.lastModified()))
                        .element("ETag", ObjectHeaders.quoted(object.etag()))
                        .element("Size", object.size());
                if (owner != null) {
                    BucketOperations.owner(xml, owner);
                }
                xml.element("StorageClass", "STANDARD").end("Contents");
            }
        }
        for (ListingEntry<StoredObject> entry : page.entries()) {
            if (entry instanceof ListingEntry.Subdir<StoredObject> subdir) {
                xml.start("CommonPrefixes").element("Prefix", encode(subdir.name(), url)).end("CommonPrefixes");
            }
        }
    }

    static int maxKeys(String value) {
        if (value == null) {
            return MAX_KEYS;
        }
        try {
            int maxKeys = Integer.parseInt(value.strip());
            if (maxKeys >= 0) {
                return Math.min(maxKeys, MAX_KEYS);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw S3Exception.invalidArgument("Provided max-keys not an integer or within integer range");
    }

    static boolean urlEncoding(String value) {
        if (value == null) {
            return false;
        }
        if (!value.equals("url")) {
            throw S3Exception.invalidArgument("Invalid Encoding Method specified in Request");
        }
        return true;
    }

    /** encoding-type=url: every byte but unreserved characters and '/' percent-encoded. */
    static String encode(String value, boolean url) {
        if (value == null || !url) {
            return value;
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static String encodeToken(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Exception.invalidArgument("The continuation token provided is incorrect");
        }
    }
}
