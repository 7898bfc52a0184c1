package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.messaging.contract.MessagePayload;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.springframework.amqp.core.Message;

/**
 * Publishes a message now and waits for the broker's confirm, for services without a database and so
 * without an outbox (the compute agent). A caller that must not lose the message publishes before it
 * acknowledges the delivery that caused it: if the publish fails the delivery is retried, and the handler,
 * idempotent by the state it acts on, publishes again.
 */
public final class DirectPublisher {

    private final ConfirmedPublisher publisher;
    private final EnvelopeCodec codec;

    DirectPublisher(ConfirmedPublisher publisher, EnvelopeCodec codec) {
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.codec = requireNonNull(codec, "codec is null");
    }

    /** Publishes an event to {@link Topology#EVENTS}; request and correlation ids come from the MDC. */
    public Envelope publishEvent(String routingKey, MessagePayload payload) {
        return publish(Topology.EVENTS, routingKey, payload);
    }

    /** Publishes a command to {@link Topology#COMMANDS}; request and correlation ids come from the MDC. */
    public Envelope publishCommand(String routingKey, MessagePayload payload) {
        return publish(Topology.COMMANDS, routingKey, payload);
    }

    /**
     * Wraps the payload in a new envelope and publishes it persistently.
     *
     * @throws org.springframework.amqp.AmqpException when the broker is unreachable, or
     *     {@link PublishNotConfirmedException} when it does not confirm in time
     */
    public Envelope publish(String exchange, String routingKey, MessagePayload payload) {
        requireNonNull(exchange, "exchange is null");
        requireNonNull(routingKey, "routingKey is null");
        Envelope envelope = Envelope.create(requireNonNull(payload, "payload is null"));
        Message message = new OutboxMessage(0, envelope.id(), exchange, routingKey, envelope.type(),
                envelope.version(), envelope.requestId(),
                envelope.correlationId(), new String(codec.encode(envelope), StandardCharsets.UTF_8),
                envelope.occurredAt().atOffset(ZoneOffset.UTC)).toAmqpMessage();
        publisher.publish(exchange, routingKey, message);
        return envelope;
    }
}
