package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import io.gpucloud.objectstorage.store.StorageException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Objects: upload, read, copy, change metadata, delete, list. The one rule behind every write: the body
 * is made durable first (under a fresh file name), then one short statement ({@code put_object}, migration
 * V4) locks (or inserts) the key's row, replaces it and appends the change to the container's counts; only after
 * the commit is the replaced version's file retired (removed after a grace period, {@link RetiredBodies}). So
 * readers see the old or the new version, never a mix, and of several concurrent uploads of one key the last
 * to commit wins while the others' files are removed. Uploads of different keys do not wait for each other.
 */
@Service
public class ObjectService {

    /** How often a read retries when the version it found is replaced (and its file unlinked) before it opens it. */
    private static final int OPEN_ATTEMPTS = 3;

    /** Bodies up to this size are read before the container is known to exist (see {@link #put}). */
    private static final long READ_BEFORE_CHECK_LIMIT = 1024 * 1024;

    /** What an upload says about itself besides its body. */
    public record Upload(long contentLength, String expectedEtag, String contentType, UserMetadata metadata,
            String dloManifest) {
        public Upload {
            requireNonNull(contentType, "contentType is null");
            requireNonNull(metadata, "metadata is null");
        }
    }

    /** A server-side copy's changes to the source's attributes. Null content type: the source's. */
    public record CopyOptions(String contentType, Map<String, String> metadata, boolean freshMetadata) {
        public CopyOptions {
            metadata = Map.copyOf(metadata);
        }
    }

    private final BlobStore blobs;
    private final RetiredBodies retired;
    private final ContainerRepository containers;
    private final ObjectRepository objects;
    private final LargeObjectReader reader;
    private final TransactionTemplate transactions;
    private final long maxObjectSize;
    private final Clock clock;

    ObjectService(BlobStore blobs, RetiredBodies retired, ContainerRepository containers, ObjectRepository objects,
            LargeObjectReader reader, TransactionTemplate transactions, ObjectStorageProperties properties) {
        this.blobs = requireNonNull(blobs, "blobs is null");
        this.retired = requireNonNull(retired, "retired is null");
        this.containers = requireNonNull(containers, "containers is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.maxObjectSize = properties.maxObjectSize();
        this.clock = Clock.systemUTC();
    }

    /** Streams {@code body} into the store as the new version of {@code name}. */
    public StoredObject put(String account, String container, String name, InputStream body, Upload upload) {
        Names.requireObjectName(name);
        // A large (or chunked) body is refused before a byte of it is read. A small one costs less to read than
        // that extra round trip: put_object finds a missing container anyway, and the file is then removed.
        boolean checkedFirst = upload.contentLength() < 0 || upload.contentLength() > READ_BEFORE_CHECK_LIMIT;
        if (checkedFirst) {
            requireContainer(account, container);
        }
        StoredBlob blob = blobs.write(body, upload.contentLength(), maxObjectSize);
        if (upload.expectedEtag() != null && !upload.expectedEtag().toLowerCase(Locale.ROOT).equals(blob.md5())) {
            blobs.delete(blob.id());
            if (!checkedFirst) {
                requireContainer(account, container); // a missing container is the first error, as in Swift
            }
            throw new StorageException(Reason.ETAG_MISMATCH, "The ETag sent does not match the MD5 of the body.");
        }
        return commit(account, container, new StoredObject(0, name, blob.size(), blob.md5(), upload.contentType(),
                now(), blob.id(), null, upload.dloManifest(), upload.metadata()));
    }

    /**
     * Copies an object's current content (a large object's assembled bytes) to a new object, which may
     * be in another container or account; metadata is the source's plus the given, unless fresh.
     */
    public StoredObject copy(String sourceAccount, String sourceContainer, String sourceName, String account,
            String container, String name, CopyOptions options) {
        Names.requireObjectName(name);
        requireContainer(account, container);
        try (ObjectReadout source = open(sourceAccount, sourceContainer, sourceName)) {
            StoredObject original = source.object();
            StoredBlob blob;
            try (InputStream body = source.stream(0, source.size())) {
                blob = blobs.write(body, source.size(), maxObjectSize);
            }
            UserMetadata metadata = options.freshMetadata()
                    ? UserMetadata.of(options.metadata())
                    : original.metadata().apply(options.metadata(), Set.of());
            String contentType = options.contentType() != null ? options.contentType() : original.contentType();
            return commit(account, container, new StoredObject(0, name, blob.size(), blob.md5(), contentType, now(),
                    blob.id(), null, null, metadata));
        } catch (IOException e) {
            throw new UncheckedIOException("Copying " + sourceContainer + "/" + sourceName + " failed", e);
        }
    }

    private void requireContainer(String account, String container) {
        containers.find(account, container).orElseThrow(() -> ContainerService.noSuchContainer(container));
    }

    public Optional<StoredObject> find(String account, String container, String name) {
        return objects.find(account, container, name);
    }

    public StoredObject require(String account, String container, String name) {
        return find(account, container, name).orElseThrow(() -> noSuchObject(container, name));
    }

    /** Opens the current version for reading; the caller closes the readout. */
    public ObjectReadout open(String account, String container, String name) {
        for (int attempt = 1; ; attempt++) {
            StoredObject object = require(account, container, name);
            try {
                return reader.open(account, object);
            } catch (NoSuchFileException e) {
                if (attempt == OPEN_ATTEMPTS) {
                    throw new UncheckedIOException("The body of " + container + "/" + name + " is missing", e);
                }
                // A newer version replaced this one between the lookup and the open: read the row again.
            }
        }
    }

    /** Replaces an object's user metadata (Swift's POST) and, when given, its content type. */
    public void updateMetadata(String account, String container, String name, UserMetadata metadata, String contentType) {
        transactions.executeWithoutResult(status -> {
            Container found = containers.find(account, container).orElseThrow(() -> ContainerService.noSuchContainer(container));
            StoredObject existing = objects.lock(found.id(), name).orElseThrow(() -> noSuchObject(container, name));
            objects.updateMetadata(found.id(), name, contentType != null ? contentType : existing.contentType(),
                    metadata, Timestamp.from(now()));
        });
    }

    /** Deletes the object and, after the commit, retires its body file (or a multipart object's part files). */
    public void delete(String account, String container, String name) {
        ObjectRepository.Replaced removed = objects.delete(account, container, name)
                .orElseThrow(() -> ContainerService.noSuchContainer(container));
        if (!removed.existed()) {
            throw noSuchObject(container, name);
        }
        retired.retire(removed.files());
    }

    public List<ListingEntry<StoredObject>> list(Container container, ListingQuery query) {
        return Listing.page((from, inclusive, to, limit) -> objects.read(container.id(), from, inclusive, to, limit),
                StoredObject::name, query);
    }

    /**
     * Makes {@code draft} the current version of its name in {@code container}. On failure the draft's
     * file is removed; on success the replaced version's files are retired.
     */
    StoredObject commit(String account, String container, StoredObject draft) {
        ObjectRepository.Replaced replaced;
        try {
            replaced = objects.put(account, container, draft).orElseThrow(() -> ContainerService.noSuchContainer(container));
        } catch (RuntimeException e) {
            if (draft.dataId() != null) {
                blobs.delete(draft.dataId()); // never committed: no reader can know it
            }
            if (SqlStates.isForeignKeyViolation(e)) {
                // The container was deleted between put_object's lookup and its insert.
                throw ContainerService.noSuchContainer(container);
            }
            throw e;
        }
        retired.retire(replaced.files());
        return draft.inContainer(replaced.containerId());
    }

    /**
     * Within a transaction that holds the container's lock (against its deletion): makes {@code draft} the
     * current version and returns the replaced version's files, which the caller retires after the commit.
     */
    List<UUID> replaceInLockedContainer(Container locked, StoredObject draft) {
        return objects.put(locked.account(), locked.name(), draft)
                .orElseThrow(() -> new IllegalStateException("the locked container " + locked.id() + " is gone"))
                .files();
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static StorageException noSuchObject(String container, String name) {
        return new StorageException(Reason.NO_SUCH_OBJECT, "The object " + container + "/" + name + " does not exist.");
    }
}
