package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.messaging.contract.MessageContracts;
import io.gpucloud.common.messaging.contract.MessagePayload;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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
                // The payload is read from the middle of the envelope (decode checks the envelope's own end).
                .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    public byte[] encode(Envelope envelope) {
        requireNonNull(envelope, "envelope is null");
        // The Envelope record's components are the wire's fields in the wire's order (payload last, which decode relies
        // on for speed), so it is written as is, in one pass, the payload by its record's serializer.
        return mapper.writeValueAsBytes(envelope);
    }

    /**
     * Decodes an envelope; fails with {@link EnvelopeDecodingException} for anything unreadable.
     *
     * <p>Read in one pass: the envelope's fields come before its payload (as {@link #encode} writes them), so once the
     * type is known the payload is bound straight into its record. A payload that comes first (another writer's field
     * order) is read as a tree and bound when the type is known.
     */
    public Envelope decode(byte[] json) {
        requireNonNull(json, "json is null");
        WireFields wire = new WireFields();
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new EnvelopeDecodingException("Message body is not an envelope: not a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                wire.read(name, parser);
            }
            if (parser.nextToken() != null) {
                throw new EnvelopeDecodingException("Message body is not an envelope: more content after it");
            }
        }
        catch (JacksonException e) {
            throw new EnvelopeDecodingException("Message body is not an envelope: " + e.getOriginalMessage(), e);
        }
        catch (IllegalArgumentException | DateTimeException e) {
            throw new EnvelopeDecodingException("Message body is not an envelope: " + e.getMessage(), e);
        }
        wire.requireComplete();
        MessagePayload payload = wire.payload != null ? wire.payload : bindTree(wire);
        return new Envelope(wire.id, wire.type, wire.version, wire.correlationId, wire.requestId, wire.occurredAt,
                payload);
    }

    private Class<? extends MessagePayload> payloadClass(WireFields wire) {
        return contracts.findPayloadClass(wire.type).orElseThrow(() -> new EnvelopeDecodingException("Envelope "
                + wire.id + " has unknown type " + wire.type + "; known: " + contracts.types()));
    }

    private MessagePayload bindTree(WireFields wire) {
        Class<? extends MessagePayload> payloadClass = payloadClass(wire);
        try {
            return mapper.treeToValue(wire.payloadTree, payloadClass);
        }
        catch (JacksonException e) {
            throw unreadablePayload(wire, e);
        }
    }

    private static EnvelopeDecodingException unreadablePayload(WireFields wire, JacksonException e) {
        return new EnvelopeDecodingException("Envelope " + wire.id + " has an unreadable " + wire.type + " v"
                + wire.version + " payload: " + e.getOriginalMessage(), e);
    }

    /** The envelope's fields as they are read; unknown ones (a newer sender's) are skipped. */
    private final class WireFields {
        UUID id;
        String type;
        int version;
        String correlationId;
        String requestId;
        Instant occurredAt;
        /** Bound as it was read (the type came first), or null. */
        MessagePayload payload;
        /** Read before the type, or null. */
        JsonNode payloadTree;
        boolean payloadPresent;

        void read(String name, JsonParser parser) {
            switch (name) {
                case "id" -> {
                    String text = text(parser);
                    id = text == null ? null : UUID.fromString(text);
                }
                case "type" -> type = text(parser);
                case "version" -> version = parser.currentToken() == JsonToken.VALUE_NULL ? 0 : parser.getIntValue();
                case "correlationId" -> correlationId = text(parser);
                case "requestId" -> requestId = text(parser);
                case "occurredAt" -> occurredAt = parser.currentToken() == JsonToken.VALUE_STRING
                        ? Instant.parse(parser.getString()) : mapper.readValue(parser, Instant.class);
                case "payload" -> readPayload(parser);
                default -> parser.skipChildren();
            }
        }

        private void readPayload(JsonParser parser) {
            payload = null;
            payloadTree = null;
            payloadPresent = parser.currentToken() != JsonToken.VALUE_NULL;
            if (!payloadPresent) {
                return;
            }
            Optional<Class<? extends MessagePayload>> payloadClass =
                    type == null ? Optional.empty() : contracts.findPayloadClass(type);
            if (payloadClass.isEmpty()) {
                payloadTree = mapper.readTree(parser); // bound (or refused as an unknown type) once all is read
                return;
            }
            try {
                payload = mapper.readValue(parser, payloadClass.get());
            }
            catch (JacksonException e) {
                throw unreadablePayload(this, e);
            }
        }

        private static String text(JsonParser parser) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (!token.isScalarValue()) {
                throw new IllegalArgumentException("expected a string, found " + token);
            }
            return parser.getString();
        }

        void requireComplete() {
            if (id == null || type == null || correlationId == null || occurredAt == null || !payloadPresent
                    || version < 1) {
                throw new EnvelopeDecodingException("Envelope " + id + " lacks a required field (id, type,"
                        + " version >= 1, correlationId, occurredAt, payload): type " + type + " v" + version);
            }
        }
    }
}
