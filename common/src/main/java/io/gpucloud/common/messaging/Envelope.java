package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.messaging.contract.MessagePayload;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * What travels on every queue: a versioned payload plus the ids that let consumers deduplicate
 * ({@link #id}) and trace ({@link #requestId}, {@link #correlationId}).
 *
 * @param id unique per message; the AMQP message-id and the consumer's deduplication key
 * @param type the payload's wire type, e.g. {@code "TokenRevoked"}
 * @param version the contract version the sender wrote; may differ from the local record's version
 * @param correlationId groups every message of one flow (defaults to the request id, else to {@code id})
 * @param requestId the API request that started the flow; null for flows started by timers
 * @param occurredAt when the sender created the message
 * @param payload the decoded contract record
 */
public record Envelope(
        UUID id,
        String type,
        int version,
        String correlationId,
        String requestId,
        Instant occurredAt,
        MessagePayload payload) {

    /** MDC key of the request id, shared with the web layer's request logging. */
    public static final String REQUEST_ID_MDC_KEY = "requestId";
    /** MDC key of the correlation id while a message is handled. */
    public static final String CORRELATION_ID_MDC_KEY = "correlationId";

    public Envelope {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(correlationId, "correlationId is null");
        requireNonNull(occurredAt, "occurredAt is null");
        requireNonNull(payload, "payload is null");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        if (!type.equals(payload.messageType())) {
            throw new IllegalArgumentException("Envelope type " + type + " does not match payload "
                    + payload.getClass().getName() + " of type " + payload.messageType());
        }
    }

    /**
     * A new envelope for the payload, taking the request and correlation ids from the SLF4J MDC: the web
     * layer sets {@code requestId} per request and the consumer sets both while it handles a message, so a
     * message sent from either place continues the caller's flow.
     */
    public static Envelope create(MessagePayload payload) {
        return create(payload, MDC.get(REQUEST_ID_MDC_KEY), MDC.get(CORRELATION_ID_MDC_KEY));
    }

    /** A new envelope for the payload with explicit ids; a null correlation id defaults to the request id. */
    public static Envelope create(MessagePayload payload, String requestId, String correlationId) {
        requireNonNull(payload, "payload is null");
        UUID id = UUID.randomUUID();
        String correlation = correlationId != null ? correlationId : requestId != null ? requestId : id.toString();
        return new Envelope(id, payload.messageType(), payload.messageVersion(), correlation, requestId,
                Instant.now(), payload);
    }

    /** The payload as the expected record; fails with a clear message when the envelope holds another type. */
    public <P extends MessagePayload> P payload(Class<P> expected) {
        requireNonNull(expected, "expected is null");
        if (!expected.isInstance(payload)) {
            throw new IllegalArgumentException("Envelope " + id + " holds " + type + " ("
                    + payload.getClass().getName() + "), not " + expected.getName());
        }
        return expected.cast(payload);
    }
}
