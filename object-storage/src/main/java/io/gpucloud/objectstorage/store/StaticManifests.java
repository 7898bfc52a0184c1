package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import io.gpucloud.objectstorage.store.StorageException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Static large objects: a manifest lists segments (other objects of the account) and the object reads as
 * their concatenation. The manifest is checked when it is written (every segment exists, with the size
 * and ETag the client expects) and kept in the object's row; there is no body file.
 */
@Service
public class StaticManifests {

    /** Swift's default {@code max_manifest_segments}. */
    public static final int MAX_SEGMENTS = 1000;

    /** One manifest entry as a client sends it: {@code /container/object}, and optionally its ETag and size. */
    public record SegmentReference(String path, String etag, Long size) {
    }

    /** What deleting a manifest with its segments did. */
    public record DeleteSummary(int deleted, int notFound) {
    }

    private final ObjectService objects;

    StaticManifests(ObjectService objects) {
        this.objects = requireNonNull(objects, "objects is null");
    }

    public StoredObject put(String account, String container, String name, List<SegmentReference> references,
            String expectedEtag, String contentType, UserMetadata metadata) {
        Names.requireObjectName(name);
        if (references.isEmpty() || references.size() > MAX_SEGMENTS) {
            throw invalid("A manifest needs 1 to " + MAX_SEGMENTS + " segments.");
        }
        List<Segment> segments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long size = 0;
        for (SegmentReference reference : references) {
            Optional<Segment> segment = resolve(account, reference, problems);
            if (segment.isPresent()) {
                segments.add(segment.get());
                size += segment.get().size();
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(String.join("\n", problems));
        }
        String etag = LargeObjectReader.etagOfSegments(segments.stream().map(Segment::etag).toList());
        if (expectedEtag != null && !expectedEtag.toLowerCase(Locale.ROOT).equals(etag)) {
            throw new StorageException(Reason.ETAG_MISMATCH, "The ETag sent does not match the manifest's segments.");
        }
        return objects.commit(account, container, new StoredObject(0, name, size, etag, contentType, objects.now(),
                null, segments, null, metadata));
    }

    /** Deletes a static large object and every segment it lists that still exists. */
    public DeleteSummary deleteWithSegments(String account, String container, String name) {
        StoredObject manifest = objects.require(account, container, name);
        if (!manifest.isStaticLargeObject()) {
            throw new StorageException(Reason.INVALID_REQUEST, "Not a static large object: " + container + "/" + name);
        }
        int deleted = 0;
        int notFound = 0;
        for (Segment segment : manifest.segments()) {
            try {
                objects.delete(account, segment.container(), segment.name());
                deleted++;
            } catch (StorageException e) {
                if (e.reason() != Reason.NO_SUCH_OBJECT && e.reason() != Reason.NO_SUCH_CONTAINER) {
                    throw e;
                }
                notFound++;
            }
        }
        objects.delete(account, container, name);
        return new DeleteSummary(deleted + 1, notFound);
    }

    private Optional<Segment> resolve(String account, SegmentReference reference, List<String> problems) {
        String path = reference.path() == null ? "" : reference.path();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        if (slash <= 0 || slash == trimmed.length() - 1) {
            problems.add(path + ": not a /container/object path");
            return Optional.empty();
        }
        String container = trimmed.substring(0, slash);
        String name = trimmed.substring(slash + 1);
        Optional<StoredObject> found = objects.find(account, container, name);
        if (found.isEmpty()) {
            problems.add(path + ": 404 Not Found");
            return Optional.empty();
        }
        StoredObject object = found.get();
        if (object.isStaticLargeObject() || object.isDynamicLargeObject() || object.isMultipart()) {
            problems.add(path + ": a large object cannot be a segment here");
            return Optional.empty();
        }
        if (reference.etag() != null && !reference.etag().isEmpty()
                && !reference.etag().toLowerCase(Locale.ROOT).equals(object.etag())) {
            problems.add(path + ": Etag Mismatch");
            return Optional.empty();
        }
        if (reference.size() != null && reference.size() != object.size()) {
            problems.add(path + ": Size Mismatch");
            return Optional.empty();
        }
        return Optional.of(new Segment(container, name, object.size(), object.etag()));
    }

    private static StorageException invalid(String message) {
        return new StorageException(Reason.INVALID_MANIFEST, message);
    }
}
