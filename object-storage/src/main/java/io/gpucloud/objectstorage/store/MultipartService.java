package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import io.gpucloud.objectstorage.store.StorageException.Reason;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * S3 multipart uploads. Parts are stored like object bodies (streamed to their own files, made durable,
 * then recorded); completing an upload writes no data: the object row names the upload, and its body is
 * the chosen parts read in order. So a completion takes one short transaction whatever the object's size.
 * Uploads left in progress longer than {@code cloud.object.multipart-expiry} are aborted by a scheduled pass.
 */
@Service
public class MultipartService {

    /** S3's limits: part numbers, the smallest part but the last, the largest part. */
    public static final int MAX_PART_NUMBER = 10_000;
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(MultipartService.class);
    private static final int EXPIRY_BATCH = 100;

    /** A part as a completion request names it. */
    public record PartChoice(int partNumber, String etag) {
        public PartChoice {
            requireNonNull(etag, "etag is null");
        }
    }

    private final BlobStore blobs;
    private final RetiredBodies retired;
    private final ContainerRepository containers;
    private final MultipartRepository multiparts;
    private final ObjectService objects;
    private final TransactionTemplate transactions;
    private final Duration expiry;
    private final Clock clock = Clock.systemUTC();

    MultipartService(BlobStore blobs, RetiredBodies retired, ContainerRepository containers,
            MultipartRepository multiparts, ObjectService objects, TransactionTemplate transactions,
            @Value("${cloud.object.multipart-expiry:P7D}") Duration expiry) {
        this.blobs = requireNonNull(blobs, "blobs is null");
        this.retired = requireNonNull(retired, "retired is null");
        this.containers = requireNonNull(containers, "containers is null");
        this.multiparts = requireNonNull(multiparts, "multiparts is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.expiry = requireNonNull(expiry, "expiry is null");
    }

    public MultipartUpload start(String account, String container, String name, String contentType,
            UserMetadata metadata) {
        Names.requireObjectName(name);
        Container found = containers.find(account, container).orElseThrow(() -> ContainerService.noSuchContainer(container));
        MultipartUpload upload = new MultipartUpload(UUID.randomUUID(), found.id(), name, contentType, metadata, now());
        multiparts.insert(upload);
        return upload;
    }

    /** Streams one part to its file and records it, replacing a part of the same number. */
    public UploadedPart uploadPart(String account, String container, String name, UUID uploadId, int partNumber,
            InputStream body, long contentLength, String expectedMd5) {
        if (partNumber < 1 || partNumber > MAX_PART_NUMBER) {
            throw new StorageException(Reason.INVALID_REQUEST,
                    "Part number must be an integer between 1 and " + MAX_PART_NUMBER + ", inclusive");
        }
        require(account, container, name, uploadId); // before a byte of the body is read
        StoredBlob blob = blobs.write(body, contentLength, MAX_PART_SIZE);
        try {
            if (expectedMd5 != null && !expectedMd5.toLowerCase(Locale.ROOT).equals(blob.md5())) {
                throw new StorageException(Reason.ETAG_MISMATCH, "The Content-MD5 you specified did not match what we received.");
            }
            UploadedPart part = new UploadedPart(partNumber, blob.size(), blob.md5(), blob.id(), now());
            Optional<UUID> replaced = transactions.execute(status -> {
                MultipartUpload upload = multiparts.findInProgress(uploadId, "SHARE")
                        .orElseThrow(() -> noSuchUpload(uploadId));
                return multiparts.upsertPart(upload.id(), part);
            });
            replaced.ifPresent(blobs::delete);
            return part;
        } catch (RuntimeException e) {
            blobs.delete(blob.id());
            throw e;
        }
    }

    /**
     * Makes the chosen parts the object {@code name}: they must be listed in ascending order, exist with the
     * given ETags, and each but the last be at least {@link #MIN_PART_SIZE}. Parts not chosen are deleted.
     * The ETag is S3's: the MD5 of the parts' binary MD5s, then {@code -} and the part count.
     */
    public StoredObject complete(String account, String container, String name, UUID uploadId, List<PartChoice> chosen) {
        if (chosen.isEmpty()) {
            throw new StorageException(Reason.INVALID_REQUEST, "You must specify at least one part");
        }
        for (int i = 1; i < chosen.size(); i++) {
            if (chosen.get(i).partNumber() <= chosen.get(i - 1).partNumber()) {
                throw new StorageException(Reason.INVALID_PART_ORDER,
                        "The list of parts was not in ascending order. Parts must be ordered by part number.");
            }
        }
        record Completion(StoredObject row, List<UUID> unusedFiles) {
        }
        Completion completion = transactions.execute(status -> {
            Container locked = containers.lockForChange(account, container).orElseThrow(() -> ContainerService.noSuchContainer(container));
            MultipartUpload upload = multiparts.findInProgress(uploadId, "UPDATE")
                    .filter(u -> u.containerId() == locked.id() && u.name().equals(name))
                    .orElseThrow(() -> noSuchUpload(uploadId));
            Map<Integer, UploadedPart> stored = new HashMap<>();
            multiparts.parts(uploadId, 0, MAX_PART_NUMBER).forEach(part -> stored.put(part.partNumber(), part));
            List<UploadedPart> parts = new ArrayList<>();
            for (PartChoice choice : chosen) {
                UploadedPart part = stored.get(choice.partNumber());
                if (part == null || !part.etag().equalsIgnoreCase(choice.etag())) {
                    throw new StorageException(Reason.INVALID_PART, "One or more of the specified parts could not be found."
                            + " The part may not have been uploaded, or the specified entity tag may not match the part's"
                            + " entity tag. (part " + choice.partNumber() + ")");
                }
                parts.add(part);
            }
            var etags = BlobStore.md5();
            long size = 0;
            for (int i = 0; i < parts.size(); i++) {
                UploadedPart part = parts.get(i);
                if (i < parts.size() - 1 && part.size() < MIN_PART_SIZE) {
                    throw new StorageException(Reason.PART_TOO_SMALL,
                            "Your proposed upload is smaller than the minimum allowed size. (part " + part.partNumber() + ")");
                }
                etags.update(HexFormat.of().parseHex(part.etag()));
                size += part.size();
            }
            String etag = HexFormat.of().formatHex(etags.digest()) + "-" + chosen.size();
            List<UUID> unused = new ArrayList<>(multiparts.deletePartsExcept(uploadId,
                    chosen.stream().map(PartChoice::partNumber).toList()));
            multiparts.markCompleted(uploadId, now());
            StoredObject draft = new StoredObject(0, name, size, etag, upload.contentType(), now(), null, null, null,
                    upload.metadata(), uploadId);
            unused.addAll(objects.replaceInLockedContainer(locked, draft));
            return new Completion(draft.inContainer(locked.id()), unused);
        });
        // The replaced object's files may be being read: retired, not deleted at once (parts not chosen go too).
        retired.retire(completion.unusedFiles());
        return completion.row();
    }

    /** Removes an upload in progress and its parts. */
    public void abort(String account, String container, String name, UUID uploadId) {
        require(account, container, name, uploadId);
        abort(uploadId);
    }

    /** The upload in progress, checked to be {@code name}'s in {@code container}. */
    public MultipartUpload require(String account, String container, String name, UUID uploadId) {
        Container found = containers.find(account, container).orElseThrow(() -> ContainerService.noSuchContainer(container));
        return multiparts.findInProgress(uploadId, null)
                .filter(u -> u.containerId() == found.id() && u.name().equals(name))
                .orElseThrow(() -> noSuchUpload(uploadId));
    }

    /** Up to {@code limit} parts numbered above {@code after}. */
    public List<UploadedPart> parts(MultipartUpload upload, int after, int limit) {
        return multiparts.parts(upload.id(), after, limit);
    }

    /** Uploads in progress in a container, in (key, upload id) order, after the markers. */
    public List<MultipartUpload> inProgress(Container container, String prefix, String keyMarker, UUID uploadIdMarker,
            int limit) {
        return multiparts.inProgress(container.id(), prefix, keyMarker, uploadIdMarker, limit);
    }

    @Scheduled(initialDelayString = "${cloud.object.collect-interval:PT10M}",
            fixedDelayString = "${cloud.object.collect-interval:PT10M}")
    void scheduled() {
        try {
            int aborted = abortStartedBefore(clock.instant().minus(expiry));
            if (aborted > 0) {
                log.info("Aborted {} multipart uploads older than {}", aborted, expiry);
            }
        } catch (RuntimeException e) {
            log.warn("Expiring multipart uploads failed; it runs again later", e);
        }
    }

    /** Aborts every upload still in progress that was started before {@code cutoff}; returns how many. */
    public int abortStartedBefore(Instant cutoff) {
        int aborted = 0;
        List<UUID> batch;
        do {
            batch = multiparts.startedBefore(cutoff, EXPIRY_BATCH);
            for (UUID id : batch) {
                try {
                    abort(id);
                    aborted++;
                } catch (StorageException e) {
                    // completed or aborted meanwhile (another replica runs this too)
                }
            }
        } while (batch.size() == EXPIRY_BATCH);
        return aborted;
    }

    private void abort(UUID uploadId) {
        List<UUID> files = transactions.execute(status -> multiparts.findInProgress(uploadId, "UPDATE")
                .map(upload -> multiparts.delete(uploadId))
                .orElseThrow(() -> noSuchUpload(uploadId)));
        files.forEach(blobs::delete);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static StorageException noSuchUpload(UUID uploadId) {
        return new StorageException(Reason.NO_SUCH_UPLOAD,
                "The specified upload does not exist. The upload ID may be invalid, or the upload may have been"
                        + " aborted or completed.");
    }
}
