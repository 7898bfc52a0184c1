package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to the broker, oldest first, and marks a row sent only after the broker confirmed
 * it. One background thread per process; several replicas can relay at once because each batch is locked
 * with {@code FOR UPDATE SKIP LOCKED}.
 *
 * <p>The thread wakes when a transaction that appended rows commits ({@link #wake()}), and otherwise every
 * {@code poll-interval} (rows committed by another replica, rows a failed attempt left behind). While the
 * broker or the database is unreachable it backs off exponentially up to {@code retry-backoff-max} and
 * keeps the rows. Delivery is at least once: a crash between the broker's confirm and the commit re-sends
 * the batch, which consumers absorb by deduplicating on the envelope id.
 */
final class OutboxRelay implements SmartLifecycle {

    /** Stops after the consumers (higher phase), which may still append rows while they drain. */
    static final int PHASE = Integer.MAX_VALUE - 2048;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(200);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final OutboxRepository outbox;
    private final ConfirmedPublisher publisher;
    private final TransactionTemplate transactions;
    private final MessageRetention retention;
    private final MessagingMetrics metrics;
    private final MessagingProperties.Relay settings;
    private final Backoff backoff;

    private final Object signal = new Object();
    private boolean wakeRequested; // guarded by signal
    private volatile boolean running;
    private Thread thread;

    OutboxRelay(OutboxRepository outbox, ConfirmedPublisher publisher, TransactionTemplate transactions,
            MessageRetention retention, MessagingMetrics metrics, MessagingProperties.Relay settings) {
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.retention = requireNonNull(retention, "retention is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.backoff = new Backoff(FIRST_RETRY_DELAY, settings.retryBackoffMax());
    }

    /** Asks the relay to look for rows now; called after a commit that appended rows. */
    void wake() {
        synchronized (signal) {
            wakeRequested = true;
            signal.notifyAll();
        }
    }

    /** Result of one batch: rows taken and rows the broker confirmed. */
    record BatchResult(int locked, int confirmed) {
        boolean fullyConfirmed() {
            return confirmed == locked;
        }
    }

    /** Publishes one batch in one transaction. Throws when the broker or the database is unreachable. */
    BatchResult relayBatch() {
        BatchResult result = transactions.execute(status -> {
            List<OutboxMessage> batch = outbox.lockOldestUnsent(settings.batchSize());
            if (batch.isEmpty()) {
                return new BatchResult(0, 0);
            }
            List<ConfirmedPublisher.Outgoing> outgoing = new ArrayList<>(batch.size());
            for (OutboxMessage message : batch) {
                outgoing.add(new ConfirmedPublisher.Outgoing(message.exchange(), message.routingKey(),
                        message.toAmqpMessage()));
            }
            List<ConfirmedPublisher.Confirmation> confirmations = publisher.publishAll(outgoing);
            List<Long> confirmedIds = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                OutboxMessage message = batch.get(i);
                ConfirmedPublisher.Confirmation confirmation = confirmations.get(i);
                if (confirmation.confirmed()) {
                    confirmedIds.add(message.id());
                }
                else {
                    // Left unsent: the next attempt publishes it again.
                    log.warn("Outbox message {} ({} to {}/{}) not confirmed: {}", message.messageId(),
                            message.type(), message.exchange(), message.routingKey(), confirmation.failure());
                    outbox.recordFailedPublish(message.id(), confirmation.failure());
                }
            }
            outbox.markSent(confirmedIds);
            return new BatchResult(batch.size(), confirmedIds.size());
        });
        requireNonNull(result, "transaction returned no result");
        metrics.published(result.confirmed());
        if (result.locked() > 0) {
            log.debug("Relayed {} of {} outbox messages", result.confirmed(), result.locked());
        }
        return result;
    }

    @Override
    public void start() {
        synchronized (signal) {
            if (running) {
                return;
            }
            running = true;
            thread = new Thread(this::relayLoop, "outbox-relay");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void stop() {
        Thread relayThread;
        synchronized (signal) {
            running = false;
            signal.notifyAll();
            relayThread = thread;
            thread = null;
        }
        if (relayThread == null) {
            return;
        }
        try {
            // Let a batch in flight finish (it waits at most the confirm timeout) instead of interrupting it.
            relayThread.join(settings.confirmTimeout().plusSeconds(5).toMillis());
            if (relayThread.isAlive()) {
                relayThread.interrupt();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void relayLoop() {
        log.info("Outbox relay started (poll every {}, batches of {})", settings.pollInterval(), settings.batchSize());
        int consecutiveFailures = 0;
        Instant nextPurge = Instant.now();
        while (running) {
            boolean moreWaiting = false;
            try {
                BatchResult result = relayBatch();
                if (result.fullyConfirmed()) {
                    consecutiveFailures = 0;
                    moreWaiting = result.locked() == settings.batchSize();
                }
                else {
                    consecutiveFailures++;
                    metrics.publishFailed();
                }
            }
            catch (AmqpException | DataAccessException | TransactionException e) {
                consecutiveFailures++;
                metrics.publishFailed();
                log.warn("Outbox relay attempt failed ({} in a row), retrying in {}: {}", consecutiveFailures,
                        backoff.delayAfter(consecutiveFailures), e.toString());
            }
            catch (RuntimeException e) {
                // A bug, not an outage. Logged in full; the loop goes on so that one bad row or a transient
                // library error cannot silently stop all publishing of this service.
                consecutiveFailures++;
                metrics.publishFailed();
                log.error("Outbox relay attempt failed unexpectedly ({} in a row)", consecutiveFailures, e);
            }
            nextPurge = purgeIfDue(nextPurge);
            if (moreWaiting) {
                continue;
            }
            if (consecutiveFailures > 0) {
                pause(backoff.delayAfter(consecutiveFailures), false);
            }
            else {
                pause(settings.pollInterval(), true);
            }
        }
        log.info("Outbox relay stopped");
    }

    private Instant purgeIfDue(Instant nextPurge) {
        Instant now = Instant.now();
        if (now.isBefore(nextPurge)) {
            return nextPurge;
        }
        try {
            retention.purgeExpired();
        }
        catch (DataAccessException e) {
            log.warn("Purging old outbox rows and processed message ids failed; will try again: {}", e.toString());
        }
        return now.plus(PURGE_EVERY);
    }

    /**
     * Waits until the duration passed or the relay stops, and, when {@code wakeable}, until a commit asks
     * for it. Backoff pauses are not wakeable: every commit while the broker is down would otherwise retry at once.
     */
    private void pause(Duration duration, boolean wakeable) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (signal) {
            try {
                while (running && !(wakeable && wakeRequested)) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(signal, remaining);
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            if (wakeable) {
                wakeRequested = false;
            }
        }
    }
}
