package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns a stored object into the parts its body is read from: its own file, the segments of a static
 * manifest (checked against the manifest when reached: a segment replaced since fails the read, as in
 * Swift), or the objects under a dynamic manifest's {@code container/prefix}, listed at open time.
 */
@Component
class LargeObjectReader {

    private static final int LISTING_BATCH = 1_000;

    private final BlobStore blobs;
    private final ContainerRepository containers;
    private final ObjectRepository objects;
    private final MultipartRepository multiparts;

    LargeObjectReader(BlobStore blobs, ContainerRepository containers, ObjectRepository objects,
            MultipartRepository multiparts) {
        this.blobs = requireNonNull(blobs, "blobs is null");
        this.containers = requireNonNull(containers, "containers is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.multiparts = requireNonNull(multiparts, "multiparts is null");
    }

    /** @throws NoSuchFileException when a plain object's file is gone (a newer version replaced it) */
    ObjectReadout open(String account, StoredObject object) throws NoSuchFileException {
        if (object.isStaticLargeObject()) {
            List<ObjectReadout.Part> parts = new ArrayList<>();
            for (Segment segment : object.segments()) {
                parts.add(new SegmentPart(account, segment));
            }
            return new ObjectReadout(object, object.size(), object.etag(), parts, () -> { });
        }
        if (object.isDynamicLargeObject()) {
            return openDynamic(account, object);
        }
        if (object.isMultipart()) {
            return openMultipart(object);
        }
        FileChannel body = blobs.channel(object.dataId());
        ObjectReadout.Part part = new ObjectReadout.Part() {
            @Override
            public long size() {
                return object.size();
            }

            @Override
            public FileChannel open() throws IOException {
                return body.position(0);
            }
        };
        return new ObjectReadout(object, part, blobs.pathOf(object.dataId()), body::close);
    }

    /** The objects a dynamic manifest names, in name order, as they are now. */
    private ObjectReadout openDynamic(String account, StoredObject manifest) {
        String value = manifest.dloManifest();
        int slash = value.indexOf('/');
        String container = slash < 0 ? value : value.substring(0, slash);
        String prefix = slash < 0 ? "" : value.substring(slash + 1);
        List<ObjectReadout.Part> parts = new ArrayList<>();
        MessageDigest etags = BlobStore.md5();
        long size = 0;
        Optional<Container> found = containers.find(account, container);
        if (found.isPresent()) {
            long containerId = found.get().id();
            String from = prefix.isEmpty() ? null : prefix;
            boolean inclusive = true;
            String to = prefix.isEmpty() ? null : NameOrder.successor(prefix);
            List<StoredObject> batch;
            do {
                batch = objects.read(containerId, from, inclusive, to, LISTING_BATCH);
                for (StoredObject segment : batch) {
                    if (segment.dataId() == null || segment.isDynamicLargeObject()) {
                        continue; // nested large objects are not followed
                    }
                    parts.add(new FilePart(segment.dataId(), segment.size()));
                    etags.update(segment.etag().getBytes(StandardCharsets.US_ASCII));
                    size += segment.size();
                }
                if (!batch.isEmpty()) {
                    from = batch.get(batch.size() - 1).name();
                    inclusive = false;
                }
            } while (batch.size() == LISTING_BATCH);
        }
        return new ObjectReadout(manifest, size, HexFormat.of().formatHex(etags.digest()), parts, () -> { });
    }

    /**
     * A completed multipart upload's parts, in part-number order (at most 10,000 small rows). Each file opens
     * when the stream reaches it; if the object is replaced meanwhile and its parts deleted, the read fails
     * there, as a static large object's does when a segment changes.
     */
    private ObjectReadout openMultipart(StoredObject object) {
        List<ObjectReadout.Part> parts = new ArrayList<>();
        int after = 0;
        List<UploadedPart> batch;
        do {
            batch = multiparts.parts(object.multipartUpload(), after, LISTING_BATCH);
            for (UploadedPart part : batch) {
                parts.add(new FilePart(part.dataId(), part.size()));
                after = part.partNumber();
            }
        } while (batch.size() == LISTING_BATCH);
        return new ObjectReadout(object, object.size(), object.etag(), parts, () -> { });
    }

    /** The MD5 of the segments' ETags, concatenated: the ETag of a large object in Swift. */
    static String etagOfSegments(List<String> etags) {
        MessageDigest md5 = BlobStore.md5();
        etags.forEach(etag -> md5.update(etag.getBytes(StandardCharsets.US_ASCII)));
        return HexFormat.of().formatHex(md5.digest());
    }

    private final class FilePart implements ObjectReadout.Part {
        private final UUID dataId;
        private final long size;

        FilePart(UUID dataId, long size) {
            this.dataId = dataId;
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public FileChannel open() throws IOException {
            try {
                return blobs.channel(dataId);
            } catch (NoSuchFileException e) {
                throw new ObjectReadout.SegmentChangedException("A segment was replaced while the object was read");
            }
        }
    }

    private final class SegmentPart implements ObjectReadout.Part {
        private final String account;
        private final Segment segment;

        SegmentPart(String account, Segment segment) {
            this.account = account;
            this.segment = segment;
        }

        @Override
        public long size() {
            return segment.size();
        }

        @Override
        public FileChannel open() throws IOException {
            StoredObject current = containers.find(account, segment.container())
                    .flatMap(c -> objects.find(c.id(), segment.name()))
                    .orElseThrow(() -> new ObjectReadout.SegmentChangedException("Segment " + segment.path() + " is gone"));
            if (!current.etag().equals(segment.etag()) || current.size() != segment.size() || current.dataId() == null) {
                throw new ObjectReadout.SegmentChangedException(
                        "Segment " + segment.path() + " changed since the manifest was written");
            }
            try {
                return blobs.channel(current.dataId());
            } catch (NoSuchFileException e) {
                throw new ObjectReadout.SegmentChangedException("Segment " + segment.path() + " was replaced while read");
            }
        }
    }
}
