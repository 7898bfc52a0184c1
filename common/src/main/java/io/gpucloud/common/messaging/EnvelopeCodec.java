package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.messaging.contract.MessageContracts;
import io.gpucloud.common.messaging.contract.MessagePayload;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an {@link Envelope} into JSON bytes and back:
 * <pre>{@code
 * {"id":"…","type":"TokenRevoked","version":1,"correlationId":"…","requestId":"…",
 *  "occurredAt":"2026-11-22T10:15:30.123456Z","payload":{"auditId":"…","userId":"…","revokedAt":"…"}}
 * }</pre>
 *
 * <p>The codec owns its {@link JsonMapper} instead of using the application's: the wire format must not
 * change because one service tunes its REST JSON settings.
 */
public final class EnvelopeCodec {

    private final MessageContracts contracts;
    private final JsonMapper mapper;

    public EnvelopeCodec(MessageContracts contracts) {
        this.contracts = requireNonNull(contracts, "contracts is null");
        this.mapper = JsonMapper.builder()
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                // A newer sender may add optional fields (a new contract version); older readers ignore them.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public byte[] encode(Envelope envelope) {
        requireNonNull(envelope, "envelope is null");
        // The Envelope record has WireEnvelope's components, so it is written as is, in one pass, the payload by its
        // record's serializer.
        return mapper.writeValueAsBytes(envelope);
    }

    /** Decodes an envelope; fails with {@link EnvelopeDecodingException} for anything unreadable. */
    public Envelope decode(byte[] json) {
        requireNonNull(json, "json is null");
        WireEnvelope wire;
        try {
            wire = mapper.readValue(json, WireEnvelope.class);
        }
        catch (JacksonException e) {
            throw new EnvelopeDecodingException("Message body is not an envelope: " + e.getOriginalMessage(), e);
        }
        requireComplete(wire);
        Class<? extends MessagePayload> payloadClass = contracts.findPayloadClass(wire.type())
                .orElseThrow(() -> new EnvelopeDecodingException("Envelope " + wire.id() + " has unknown type "
                        + wire.type() + "; known: " + contracts.types()));
        MessagePayload payload;
        try {
            payload = mapper.treeToValue(wire.payload(), payloadClass);
        }
        catch (JacksonException e) {
            throw new EnvelopeDecodingException("Envelope " + wire.id() + " has an unreadable " + wire.type()
                    + " v" + wire.version() + " payload: " + e.getOriginalMessage(), e);
        }
        return new Envelope(wire.id(), wire.type(), wire.version(), wire.correlationId(), wire.requestId(),
                wire.occurredAt(), payload);
    }

    private static void requireComplete(WireEnvelope wire) {
        if (wire.id() == null || wire.type() == null || wire.correlationId() == null || wire.occurredAt() == null
                || wire.payload() == null || wire.payload().isNull() || wire.version() < 1) {
            throw new EnvelopeDecodingException("Envelope " + wire.id() + " lacks a required field (id, type,"
                    + " version >= 1, correlationId, occurredAt, payload): type " + wire.type() + " v"
                    + wire.version());
        }
    }

    /** The JSON shape; the payload stays a tree until the type says which record to read it into. */
    record WireEnvelope(
            UUID id,
            String type,
            int version,
            String correlationId,
            String requestId,
            Instant occurredAt,
            JsonNode payload) {
    }
}
