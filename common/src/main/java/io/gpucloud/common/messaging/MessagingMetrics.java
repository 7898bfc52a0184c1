package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Micrometer meters of the messaging library. */
final class MessagingMetrics {

    /** Outbox rows not yet confirmed by the broker; grows while the broker is down. */
    static final String OUTBOX_PENDING = "cloud.messaging.outbox.pending";
    static final String OUTBOX_PUBLISHED = "cloud.messaging.outbox.published";
    static final String OUTBOX_PUBLISH_FAILURES = "cloud.messaging.outbox.publish.failures";
    static final String CONSUMER_RETRIED = "cloud.messaging.consumer.retried";
    static final String CONSUMER_DEAD_LETTERED = "cloud.messaging.consumer.dead.lettered";
    static final String CONSUMER_DUPLICATES = "cloud.messaging.consumer.duplicates";
    /** From a message's creation (the sender's clock) to the start of its handling here. */
    static final String CONSUMER_DELAY = "cloud.messaging.consumer.delay";
    /** One successful handling: the handler and its transaction's commit. */
    static final String CONSUMER_HANDLING = "cloud.messaging.consumer.handling";

    private final MeterRegistry registry;
    private final Counter published;
    private final Counter publishFailures;

    MessagingMetrics(MeterRegistry registry, OutboxRepository outbox) {
        this.registry = requireNonNull(registry, "registry is null");
        if (outbox != null) {
            registerOutboxGauge(registry, outbox);
        }
        this.published = Counter.builder(OUTBOX_PUBLISHED)
                .description("Outbox rows published and confirmed by the broker")
                .register(registry);
        this.publishFailures = Counter.builder(OUTBOX_PUBLISH_FAILURES)
                .description("Relay batches or rows the broker did not confirm")
                .register(registry);
    }

    /** Without an outbox (a service with no database) there is no pending gauge. */
    MessagingMetrics(MeterRegistry registry) {
        this(registry, null);
    }

    private static void registerOutboxGauge(MeterRegistry registry, OutboxRepository outbox) {
        // Counted on scrape rather than tracked in memory, so it is right across replicas and restarts.
        // A scrape while the database is down reports NaN (Micrometer logs the failure).
        Gauge.builder(OUTBOX_PENDING, outbox, OutboxRepository::countUnsent)
                .description("Outbox rows not yet confirmed by the broker")
                .strongReference(true)
                .register(registry);
    }

    void published(int rows) {
        published.increment(rows);
    }

    void publishFailed() {
        publishFailures.increment();
    }

    void retried(String queue) {
        perQueue(CONSUMER_RETRIED, "Messages republished for another attempt", queue).increment();
    }

    void deadLettered(String queue) {
        perQueue(CONSUMER_DEAD_LETTERED, "Messages moved to <queue>.dlq", queue).increment();
    }

    void duplicateSkipped(String queue) {
        perQueue(CONSUMER_DUPLICATES, "Redelivered messages acknowledged without handling", queue).increment();
    }

    /**
     * A message is about to be handled, {@code delay} after its sender created it: for messages from an outbox
     * that is the rest of the sender's transaction, the relay, the broker and the wait in the queue. The sender's
     * clock is compared with this one, so across machines the figure is only as good as their clock sync; a
     * negative delay (clock skew) counts as zero.
     */
    void delivered(String queue, String type, Duration delay) {
        perQueueAndType(CONSUMER_DELAY, "From a message's creation by its sender to the start of its handling",
                queue, type).record(delay.isNegative() ? Duration.ZERO : delay);
    }

    /** A message was handled and its transaction committed, {@code nanos} after handling began. */
    void handled(String queue, String type, long nanos) {
        perQueueAndType(CONSUMER_HANDLING, "Successful handling of a message, including its transaction's commit",
                queue, type).record(Duration.ofNanos(nanos));
    }

    private Timer perQueueAndType(String name, String description, String queue, String type) {
        return Timer.builder(name).description(description).tag("queue", queue).tag("type", type)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    private Counter perQueue(String name, String description, String queue) {
        return Counter.builder(name).description(description).tag("queue", queue).register(registry);
    }
}
