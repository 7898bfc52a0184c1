package io.gpucloud.common.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpucloud.common.messaging.contract.MessageContracts;
import io.gpucloud.common.messaging.contract.TokenRevoked;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EnvelopeCodecTest {

    private static final String AUDIT_ID = "b3Jd9kq2TQ2yq8nXWQ0e4A";
    private static final String USER_ID = "0d7a3c2e5b8e4c4f8e8a2b1f4d2c9a77";
    private static final UUID MESSAGE_ID = UUID.fromString("9b2d6c4a-1e3f-4a5b-8c7d-6e5f4a3b2c1d");

    private final EnvelopeCodec codec = new EnvelopeCodec(MessageContracts.known());

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void anEnvelopeSurvivesEncodingAndDecoding() {
        Envelope envelope = Envelope.create(new TokenRevoked(AUDIT_ID, USER_ID, Instant.now()), "req-1", "corr-1");

        assertThat(codec.decode(codec.encode(envelope))).isEqualTo(envelope);
    }

    @Test
    void theWireFormatIsThePublishedJsonShape() {
        Envelope envelope = new Envelope(MESSAGE_ID, "TokenRevoked", 1, "corr-1", "req-1",
                Instant.parse("2026-11-22T10:15:30.123456Z"),
                new TokenRevoked(AUDIT_ID, USER_ID, Instant.parse("2026-11-22T10:15:00Z")));

        JsonNode json = JsonMapper.builder().build().readTree(codec.encode(envelope));

        assertThat(json.propertyNames()).containsExactlyInAnyOrder(
                "id", "type", "version", "correlationId", "requestId", "occurredAt", "payload");
        assertThat(json.get("id").asString()).isEqualTo(MESSAGE_ID.toString());
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("occurredAt").asString()).isEqualTo("2026-11-22T10:15:30.123456Z");
        // Only record components: the messageType()/messageVersion() accessors must not leak into the payload.
        assertThat(json.get("payload").propertyNames()).containsExactlyInAnyOrder("auditId", "userId", "revokedAt");
        assertThat(json.get("payload").get("revokedAt").asString()).isEqualTo("2026-11-22T10:15:00Z");
    }

    @Test
    void aNewerVersionWithAnAddedOptionalFieldIsReadByTheCurrentRecord() {
        String fromNewerSender = """
                {"id":"%s","type":"TokenRevoked","version":2,"correlationId":"c","requestId":null,
                 "occurredAt":"2026-11-22T10:15:30Z",
                 "payload":{"auditId":"%s","userId":"%s","revokedAt":"2026-11-22T10:15:00Z","reason":"logout"}}
                """.formatted(MESSAGE_ID, AUDIT_ID, USER_ID);

        Envelope envelope = codec.decode(fromNewerSender.getBytes(UTF_8));

        assertThat(envelope.version()).isEqualTo(2);
        assertThat(envelope.payload(TokenRevoked.class).auditId()).isEqualTo(AUDIT_ID);
    }

    @Test
    void aPayloadWrittenBeforeTheTypeIsReadToo() {
        String payloadFirst = """
                {"payload":{"auditId":"%s","userId":"%s","revokedAt":"2026-11-22T10:15:00Z"},
                 "occurredAt":"2026-11-22T10:15:30Z","requestId":"r","correlationId":"c","version":1,
                 "type":"TokenRevoked","id":"%s","addedLater":{"nested":[1,2]}}
                """.formatted(AUDIT_ID, USER_ID, MESSAGE_ID);

        Envelope envelope = codec.decode(payloadFirst.getBytes(UTF_8));

        assertThat(envelope).isEqualTo(new Envelope(MESSAGE_ID, "TokenRevoked", 1, "c", "r",
                Instant.parse("2026-11-22T10:15:30Z"),
                new TokenRevoked(AUDIT_ID, USER_ID, Instant.parse("2026-11-22T10:15:00Z"))));
    }

    @ParameterizedTest(name = "rejects {0}")
    @ValueSource(strings = {
            "not json at all",
            "{\"id\":\"9b2d6c4a-1e3f-4a5b-8c7d-6e5f4a3b2c1d\",\"type\":\"NoSuchType\",\"version\":1,"
                    + "\"correlationId\":\"c\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"payload\":{}}",
            "{\"id\":\"9b2d6c4a-1e3f-4a5b-8c7d-6e5f4a3b2c1d\",\"type\":\"TokenRevoked\",\"version\":1,"
                    + "\"correlationId\":\"c\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"payload\":{\"auditId\":null}}",
            "{\"type\":\"TokenRevoked\",\"version\":1,\"correlationId\":\"c\",\"occurredAt\":\"2026-11-22T10:15:30Z\","
                    + "\"payload\":{\"auditId\":\"6f1c1f6e-3f0a-4a53-9d7e-0a5f1f9f0b11\","
                    + "\"userId\":\"6f1c1f6e-3f0a-4a53-9d7e-0a5f1f9f0b11\",\"revokedAt\":\"2026-11-22T10:15:00Z\"}}",
            "[1, 2]",
            "",
            // The next two are whole but for one field, so that only that field can be what is refused.
            "{\"id\":\"not-a-uuid\",\"type\":\"TokenRevoked\",\"version\":1,\"correlationId\":\"c\","
                    + "\"occurredAt\":\"2026-11-22T10:15:30Z\","
                    + "\"payload\":{\"auditId\":\"6f1c1f6e-3f0a-4a53-9d7e-0a5f1f9f0b11\","
                    + "\"userId\":\"6f1c1f6e-3f0a-4a53-9d7e-0a5f1f9f0b11\",\"revokedAt\":\"2026-11-22T10:15:00Z\"}}",
            "{\"id\":\"9b2d6c4a-1e3f-4a5b-8c7d-6e5f4a3b2c1d\",\"type\":\"TokenRevoked\",\"version\":1,"
                    + "\"correlationId\":\"c\",\"occurredAt\":\"yesterday\","
                    + "\"payload\":{\"auditId\":\"6f1c1f6e-3f0a-4a53-9d7e-0a5f1f9f0b11\","
                    + "\"userId\":\"6f1c1f6e-3f0a-4a53-9d7e-0a5f1f9f0b11\",\"revokedAt\":\"2026-11-22T10:15:00Z\"}}",
            "{\"id\":\"9b2d6c4a-1e3f-4a5b-8c7d-6e5f4a3b2c1d\",\"type\":\"TokenRevoked\",\"version\":1,"
                    + "\"correlationId\":\"c\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"payload\":null}",
            "{\"id\":\"9b2d6c4a-1e3f-4a5b-8c7d-6e5f4a3b2c1d\",\"type\":\"TokenRevoked\",\"version\":1,"
                    + "\"correlationId\":\"c\",\"occurredAt\":\"2026-11-22T10:15:30Z\","
                    + "\"payload\":{\"auditId\":\"6f1c1f6e-3f0a-4a53-9d7e-0a5f1f9f0b11\","
                    + "\"userId\":\"6f1c1f6e-3f0a-4a53-9d7e-0a5f1f9f0b11\",\"revokedAt\":\"2026-11-22T10:15:00Z\"}} {}",
    })
    void anUnreadableBodyIsAnEnvelopeDecodingException(String body) {
        assertThatThrownBy(() -> codec.decode(body.getBytes(UTF_8))).isInstanceOf(EnvelopeDecodingException.class);
    }

    @Test
    void aNewEnvelopeTakesRequestAndCorrelationIdsFromTheMdc() {
        MDC.put(Envelope.REQUEST_ID_MDC_KEY, "req-7");
        assertThat(Envelope.create(new TokenRevoked(AUDIT_ID, USER_ID, Instant.now())))
                .extracting(Envelope::requestId, Envelope::correlationId)
                .containsExactly("req-7", "req-7");

        MDC.put(Envelope.CORRELATION_ID_MDC_KEY, "corr-7");
        assertThat(Envelope.create(new TokenRevoked(AUDIT_ID, USER_ID, Instant.now())).correlationId())
                .isEqualTo("corr-7");
    }

    @Test
    void anEnvelopeWithoutRequestStartsItsOwnCorrelation() {
        Envelope envelope = Envelope.create(new TokenRevoked(AUDIT_ID, USER_ID, Instant.now()));

        assertThat(envelope.requestId()).isNull();
        assertThat(envelope.correlationId()).isEqualTo(envelope.id().toString());
        assertThat(envelope.type()).isEqualTo("TokenRevoked");
        assertThat(envelope.version()).isEqualTo(1);
    }
}
