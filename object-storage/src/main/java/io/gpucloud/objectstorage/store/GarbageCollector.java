package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes what interrupted work leaves on the data path: temporary files of uploads that never finished
 * (a crash, a killed client) and body files no row names (a crash between the rename and the commit, or a
 * replaced version whose delete failed). Only files older than {@code orphanAge} are touched, so an upload
 * in progress or a body about to be committed is never taken. Every replica may run it at the same time:
 * deleting a file twice is harmless, and a row is never removed here.
 */
@Component
public class GarbageCollector {

    private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);
    private static final int BATCH = 500;

    /** What one pass removed. */
    public record Result(int temporaryFiles, int orphanedBodies) {
    }

    private final BlobStore blobs;
    private final ObjectRepository objects;
    private final MultipartRepository multiparts;
    private final Duration orphanAge;
    private final Clock clock;

    @Autowired
    GarbageCollector(BlobStore blobs, ObjectRepository objects, MultipartRepository multiparts,
            ObjectStorageProperties properties) {
        this(blobs, objects, multiparts, properties.orphanAge(), Clock.systemUTC());
    }

    GarbageCollector(BlobStore blobs, ObjectRepository objects, MultipartRepository multiparts, Duration orphanAge,
            Clock clock) {
        this.blobs = requireNonNull(blobs, "blobs is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.multiparts = requireNonNull(multiparts, "multiparts is null");
        this.orphanAge = requireNonNull(orphanAge, "orphanAge is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Scheduled(initialDelayString = "${cloud.object.collect-interval:PT10M}",
            fixedDelayString = "${cloud.object.collect-interval:PT10M}")
    void scheduled() {
        try {
            Result result = collect();
            if (result.temporaryFiles() + result.orphanedBodies() > 0) {
                log.info("Object data collector removed {} temporary files and {} orphaned bodies",
                        result.temporaryFiles(), result.orphanedBodies());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Object data collection failed; it runs again later", e);
        }
    }

    /** One pass over the data path. */
    public Result collect() throws IOException {
        Instant cutoff = clock.instant().minus(orphanAge);
        int[] temporary = {0};
        blobs.forEachTemporary(file -> {
            if (file.lastModified().isBefore(cutoff)) {
                BlobStore.deleteQuietly(file.path());
                temporary[0]++;
            }
        });
        List<BlobStore.FileAge> candidates = new ArrayList<>();
        int[] orphans = {0};
        blobs.forEachBody(file -> {
            if (file.lastModified().isBefore(cutoff)) {
                candidates.add(file);
                if (candidates.size() == BATCH) {
                    orphans[0] += removeUnreferenced(candidates);
                    candidates.clear();
                }
            }
        });
        orphans[0] += removeUnreferenced(candidates);
        return new Result(temporary[0], orphans[0]);
    }

    private int removeUnreferenced(List<BlobStore.FileAge> files) {
        if (files.isEmpty()) {
            return 0;
        }
        Map<UUID, BlobStore.FileAge> byId = new HashMap<>();
        files.forEach(file -> byId.put(file.id(), file));
        // A body is in use when an object names it, or a multipart part (of an upload in progress or of the
        // completed upload a multipart object is read from).
        Set<UUID> referenced = new HashSet<>(objects.referenced(byId.keySet()));
        referenced.addAll(multiparts.referenced(byId.keySet()));
        int removed = 0;
        for (Map.Entry<UUID, BlobStore.FileAge> entry : byId.entrySet()) {
            if (!referenced.contains(entry.getKey())) {
                BlobStore.deleteQuietly(entry.getValue().path());
                removed++;
            }
        }
        return removed;
    }
}
