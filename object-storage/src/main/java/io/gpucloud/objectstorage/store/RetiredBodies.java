package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Removes the files of versions that a commit replaced or deleted, {@code cloud.object.delete-grace} later
 * instead of at once. A reader that looked up the old row may not have opened its file yet: a GET sent with
 * sendfile only names the file, and Tomcat opens it after the controller has returned. Body files are never
 * renamed over or reused (each upload has its own random UUID), so a name can only ever mean that one
 * version's bytes; the grace period makes sure the file is still there when it is opened, and once it is open,
 * unlinking it does not disturb the read.
 *
 * <p>Retiring a file touches its modification time, so that the collector, which removes unreferenced files
 * older than {@code orphan-age}, leaves it alone during the grace period on every replica. Pending removals
 * live in memory only: after a crash or a restart the collector removes those files instead, an
 * {@code orphan-age} later. The gauge {@value #PENDING_GAUGE} counts the files waiting for their removal.
 */
@Component
class RetiredBodies implements DisposableBean {

    static final String PENDING_GAUGE = "object.bodies.retiring";

    private final BlobStore blobs;
    private final Duration grace;
    private final ScheduledThreadPoolExecutor scheduler;
    private final AtomicInteger pending = new AtomicInteger();

    RetiredBodies(BlobStore blobs, ObjectStorageProperties properties, MeterRegistry meters) {
        this.blobs = requireNonNull(blobs, "blobs is null");
        this.grace = properties.deleteGrace();
        Gauge.builder(PENDING_GAUGE, pending, AtomicInteger::get)
                .description("files of replaced or deleted versions waiting for the end of their grace period")
                .register(meters);
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "object-body-retirement");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Removes {@code ids}' files after the grace period; call it after the commit that stopped naming them. */
    void retire(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<UUID> files = List.copyOf(ids);
        if (grace.isZero()) {
            files.forEach(blobs::delete);
            return;
        }
        files.forEach(blobs::touch);
        pending.addAndGet(files.size());
        try {
            scheduler.schedule(() -> {
                try {
                    files.forEach(blobs::delete);
                }
                finally {
                    pending.addAndGet(-files.size());
                }
            }, grace.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (RejectedExecutionException shuttingDown) {
            // The service is stopping: the collector removes these files an orphan-age after their touch.
            pending.addAndGet(-files.size());
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
