package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The listener behind {@link MessageConsumers#listen}: decode, deduplicate and handle in one transaction,
 * route failures, and only then acknowledge (manual acks). Every path ends in exactly one of: ack after the
 * work committed, ack after a confirmed retry or dead-letter copy, or a requeue.
 */
final class ReliableMessageListener implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(ReliableMessageListener.class);

    private final String queue;
    private final MessageHandler handler;
    private final EnvelopeCodec codec;
    private final MessageInvoker invoker;
    private final FailedMessageRouter failures;
    private final MessagingMetrics metrics;

    ReliableMessageListener(String queue, MessageHandler handler, EnvelopeCodec codec, MessageInvoker invoker,
            FailedMessageRouter failures, MessagingMetrics metrics) {
        this.queue = requireNonNull(queue, "queue is null");
        this.handler = requireNonNull(handler, "handler is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.failures = requireNonNull(failures, "failures is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        long deliveryTag = message.getMessageProperties().getDeliveryTag();
        Envelope envelope;
        try {
            envelope = codec.decode(message.getBody());
        }
        catch (EnvelopeDecodingException undecodable) {
            // Retrying cannot make the body readable: dead-letter at once, for a human to look at.
            routeFailure(channel, deliveryTag, () -> failures.deadLetter(queue, message,
                    EnvelopeHeaders.retryCount(message), "undecodable: " + undecodable.getMessage()));
            return;
        }
        Map<String, String> previousMdc = MDC.getCopyOfContextMap();
        putOrRemove(Envelope.REQUEST_ID_MDC_KEY, envelope.requestId());
        putOrRemove(Envelope.CORRELATION_ID_MDC_KEY, envelope.correlationId());
        try {
            handle(envelope, message, channel, deliveryTag);
        }
        finally {
            if (previousMdc == null) {
                MDC.clear();
            }
            else {
                MDC.setContextMap(previousMdc);
            }
        }
    }

    private void handle(Envelope envelope, Message message, Channel channel, long deliveryTag) throws IOException {
        metrics.delivered(queue, envelope.type(), Duration.between(envelope.occurredAt(), Instant.now()));
        long started = System.nanoTime();
        try {
            MessageInvoker.Outcome outcome = invoker.invoke(queue, envelope, handler);
            if (outcome == MessageInvoker.Outcome.HANDLED) {
                metrics.handled(queue, envelope.type(), System.nanoTime() - started);
            }
            if (outcome == MessageInvoker.Outcome.DUPLICATE) {
                log.info("Message {} ({}) on {} was already handled; acknowledging the duplicate",
                        envelope.id(), envelope.type(), queue);
                metrics.duplicateSkipped(queue);
            }
            else {
                log.debug("Handled message {} ({}) on {}", envelope.id(), envelope.type(), queue);
            }
        }
        catch (CannotCreateTransactionException databaseUnavailable) {
            // The handler never ran: this is not the message's fault and must not use up its attempts.
            log.warn("No database transaction for message {} on {}; requeueing it: {}", envelope.id(), queue,
                    databaseUnavailable.toString());
            failures.pauseBeforeRequeue();
            channel.basicNack(deliveryTag, false, true);
            return;
        }
        catch (RuntimeException handlerFailure) {
            routeFailure(channel, deliveryTag, () -> failures.retryOrDeadLetter(queue, message, handlerFailure));
            return;
        }
        channel.basicAck(deliveryTag, false);
    }

    /** Acks once the retry or dead-letter copy is confirmed; requeues the original if it is not. */
    private void routeFailure(Channel channel, long deliveryTag, Runnable route) throws IOException {
        try {
            route.run();
        }
        catch (AmqpException notRouted) {
            log.error("Could not republish failed message (tag {}) from {}; requeueing the original: {}",
                    deliveryTag, queue, notRouted.toString());
            channel.basicNack(deliveryTag, false, true);
            return;
        }
        channel.basicAck(deliveryTag, false);
    }

    private static void putOrRemove(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        }
        else {
            MDC.put(key, value);
        }
    }
}
