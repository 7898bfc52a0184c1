package io.gpucloud.common.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/** An unsent outbox row as the relay reads it. */
record OutboxMessage(
        long id,
        UUID messageId,
        String exchange,
        String routingKey,
        String type,
        int version,
        String requestId,
        String correlationId,
        String body,
        OffsetDateTime createdAt) {

    OutboxMessage {
        requireNonNull(messageId, "messageId is null");
        requireNonNull(exchange, "exchange is null");
        requireNonNull(routingKey, "routingKey is null");
        requireNonNull(type, "type is null");
        requireNonNull(correlationId, "correlationId is null");
        requireNonNull(body, "body is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** A persistent AMQP message: envelope id as message-id, the other envelope ids repeated as headers. */
    Message toAmqpMessage() {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId.toString());
        properties.setContentType(EnvelopeHeaders.CONTENT_TYPE);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setTimestamp(Date.from(createdAt.toInstant()));
        properties.setHeader(EnvelopeHeaders.TYPE, type);
        properties.setHeader(EnvelopeHeaders.VERSION, version);
        properties.setHeader(EnvelopeHeaders.CORRELATION_ID, correlationId);
        if (requestId != null) {
            properties.setHeader(EnvelopeHeaders.REQUEST_ID, requestId);
        }
        return new Message(body.getBytes(UTF_8), properties);
    }
}
