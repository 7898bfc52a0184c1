package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;

/**
 * Decides what happens to a message whose handling failed: back to the end of its queue with a higher
 * retry count after a backoff, or, once {@code maxAttempts} attempts failed, to {@code <queue>.dlq} through
 * {@link Topology#DEAD_LETTERS}. Both publishes wait for the broker's confirm; the caller acks the original
 * only afterwards, so a message is never in neither place.
 *
 * <p>This is done in code rather than with broker dead-lettering because the embedded Qpid broker rejects
 * RabbitMQ's {@code x-dead-letter-exchange} queue argument.
 */
final class FailedMessageRouter {

    private static final Logger log = LoggerFactory.getLogger(FailedMessageRouter.class);
    /** Header values longer than this arrive as LongString and clutter the management UI. */
    private static final int MAX_REASON_LENGTH = 1000;

    private final ConfirmedPublisher publisher;
    private final int maxAttempts;
    private final Backoff backoff;
    private final MessagingMetrics metrics;

    FailedMessageRouter(ConfirmedPublisher publisher, int maxAttempts, Backoff backoff, MessagingMetrics metrics) {
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    /**
     * Schedules another attempt or dead-letters the message. Returns once the broker confirmed the new copy.
     *
     * @throws PublishNotConfirmedException when the copy was not confirmed (the caller must not ack)
     */
    void retryOrDeadLetter(String queue, Message message, RuntimeException failure) {
        int failedAttempts = EnvelopeHeaders.retryCount(message) + 1;
        String reason = describe(failure);
        if (failedAttempts >= maxAttempts) {
            deadLetter(queue, message, failedAttempts, reason);
            return;
        }
        Duration delay = backoff.delayAfter(failedAttempts);
        log.warn("Message {} on {} failed (attempt {} of {}), retrying in {}: {}", messageId(message), queue,
                failedAttempts, maxAttempts, delay, reason);
        // The delay blocks this consumer (the broker offers no portable delayed redelivery); it is short and
        // the message stays unacknowledged meanwhile, so a crash here only means a redelivery.
        if (!backoff.sleepAfter(failedAttempts)) {
            throw new PublishNotConfirmedException("Interrupted before republishing message " + messageId(message));
        }
        // Straight to the queue through the default exchange: republishing to the original exchange would
        // also deliver a second copy to every other queue bound there.
        publisher.publish("", queue, EnvelopeHeaders.copyWithHeaders(message, Map.of(
                EnvelopeHeaders.RETRY_COUNT, failedAttempts,
                EnvelopeHeaders.FAILURE_REASON, reason)));
        metrics.retried(queue);
    }

    /** Moves the message to {@code <queue>.dlq} at once, e.g. because it cannot be decoded. */
    void deadLetter(String queue, Message message, int failedAttempts, String reason) {
        publisher.publish(Topology.DEAD_LETTERS, queue, EnvelopeHeaders.copyWithHeaders(message, Map.of(
                EnvelopeHeaders.RETRY_COUNT, failedAttempts,
                EnvelopeHeaders.FAILURE_REASON, shorten(reason),
                EnvelopeHeaders.FAILED_QUEUE, queue)));
        metrics.deadLettered(queue);
        log.error("Message {} on {} dead-lettered to {} after {} failed attempts: {}", messageId(message), queue,
                Topology.deadLetterQueueOf(queue), failedAttempts, reason);
    }

    /** Pause before handing a message back to the broker for reasons that are not the message's fault. */
    void pauseBeforeRequeue() {
        Backoff.sleep(backoff.max());
    }

    private static String describe(RuntimeException failure) {
        return shorten(failure.getClass().getName() + ": " + failure.getMessage());
    }

    private static String shorten(String reason) {
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH) + "…";
    }

    private static String messageId(Message message) {
        return message.getMessageProperties().getMessageId();
    }
}
