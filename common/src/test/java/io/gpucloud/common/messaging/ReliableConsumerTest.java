package io.gpucloud.common.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;

class ReliableConsumerTest extends MessagingIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_ATTEMPTS = 3; // cloud.messaging.consumer.max-attempts in MessagingIntegrationTest

    @Autowired
    MessageConsumers consumers;
    @Autowired
    OutboxWriter outbox;
    @Autowired
    EnvelopeCodec codec;
    @Autowired
    MeterRegistry meters;

    /** Handler calls per message id, counted outside any transaction so rollbacks cannot hide them. */
    private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @BeforeEach
    void createHandlerTable() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS handled_message (queue text NOT NULL, message_id uuid NOT NULL)");
    }

    @Test
    void aRedeliveredMessageIsProcessedOnce() {
        String routingKey = "test.duplicate." + UUID.randomUUID();
        String queue = testQueue("duplicate");
        Envelope duplicated = Envelope.create(aTokenRevocation());
        Envelope marker = Envelope.create(aTokenRevocation());

        try (Subscription subscription = consumers.listen(queue, List.of(QueueBinding.command(routingKey)),
                envelope -> recordHandled(queue, envelope))) {
            broker.publish(Topology.COMMANDS, routingKey, asMessage(duplicated));
            broker.publish(Topology.COMMANDS, routingKey, asMessage(duplicated));
            // One consumer handles in order: once the marker is done, both copies have been through.
            broker.publish(Topology.COMMANDS, routingKey, asMessage(marker));
            await().atMost(TIMEOUT).until(() -> handledRows(queue, marker.id()) == 1);
        }

        assertThat(attempts.get(duplicated.id())).hasValue(1);
        assertThat(handledRows(queue, duplicated.id())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_message WHERE consumer = ? AND message_id = ?",
                Long.class, queue, duplicated.id())).isEqualTo(1);
        // The subscription is closed, so anything left unacknowledged would be back in the queue now.
        assertThat(broker.readyMessages(queue)).isZero();
        assertThat(meters.get(MessagingMetrics.CONSUMER_DUPLICATES).tag("queue", queue).counter().count())
                .isEqualTo(1);
    }

    @Test
    void aMessageWhoseHandlerAlwaysFailsEndsInTheDeadLetterQueueAfterMaxAttempts() {
        String routingKey = "test.poison." + UUID.randomUUID();
        String queue = testQueue("poison");
        Envelope poison = Envelope.create(aTokenRevocation());

        Message deadLetter;
        try (Subscription subscription = consumers.listen(queue, List.of(QueueBinding.command(routingKey)),
                envelope -> {
                    recordHandled(queue, envelope); // must be rolled back with each failed attempt
                    throw new IllegalStateException("handler cannot cope with " + envelope.id());
                })) {
            broker.publish(Topology.COMMANDS, routingKey, asMessage(poison));
            deadLetter = broker.receive(Topology.deadLetterQueueOf(queue), TIMEOUT);
            // Longer than a retry backoff: a further attempt would show up here.
            sleep(Duration.ofMillis(500));
        }

        assertThat(deadLetter).as("message in %s", Topology.deadLetterQueueOf(queue)).isNotNull();
        assertThat(attempts.get(poison.id())).hasValue(MAX_ATTEMPTS);
        MessageProperties properties = deadLetter.getMessageProperties();
        assertThat(properties.getMessageId()).isEqualTo(poison.id().toString());
        assertThat(properties.<Integer>getHeader(EnvelopeHeaders.RETRY_COUNT)).isEqualTo(MAX_ATTEMPTS);
        assertThat(properties.<String>getHeader(EnvelopeHeaders.FAILURE_REASON))
                .contains("IllegalStateException", "handler cannot cope with " + poison.id());
        assertThat(properties.<String>getHeader(EnvelopeHeaders.FAILED_QUEUE)).isEqualTo(queue);
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(codec.decode(deadLetter.getBody())).isEqualTo(poison);
        assertThat(handledRows(queue, poison.id())).as("work of failed attempts rolled back").isZero();
        assertThat(broker.readyMessages(queue)).isZero();
        assertThat(meters.get(MessagingMetrics.CONSUMER_DEAD_LETTERED).tag("queue", queue).counter().count())
                .isEqualTo(1);
        assertThat(meters.get(MessagingMetrics.CONSUMER_RETRIED).tag("queue", queue).counter().count())
                .isEqualTo(MAX_ATTEMPTS - 1);
    }

    @Test
    void anUndecodableMessageIsDeadLetteredWithoutCallingTheHandler() {
        String routingKey = "test.undecodable." + UUID.randomUUID();
        String queue = testQueue("undecodable");
        AtomicInteger calls = new AtomicInteger();
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(UUID.randomUUID().toString());
        Message garbage = new Message("{\"type\":\"NoSuchType\"".getBytes(UTF_8), properties);

        Message deadLetter;
        try (Subscription subscription = consumers.listen(queue, List.of(QueueBinding.command(routingKey)),
                envelope -> calls.incrementAndGet())) {
            broker.publish(Topology.COMMANDS, routingKey, garbage);
            deadLetter = broker.receive(Topology.deadLetterQueueOf(queue), TIMEOUT);
        }

        assertThat(deadLetter).isNotNull();
        assertThat(deadLetter.getBody()).isEqualTo(garbage.getBody());
        assertThat(deadLetter.getMessageProperties().<String>getHeader(EnvelopeHeaders.FAILURE_REASON))
                .startsWith("undecodable");
        assertThat(calls).hasValue(0);
    }

    @Test
    void theHandlerSeesTheRequestIdInTheMdcAndMessagesItSendsContinueTheFlow() {
        String routingKey = "test.flow." + UUID.randomUUID();
        String followUpKey = "test.flow-follow-up." + UUID.randomUUID();
        String queue = testQueue("flow");
        String followUpQueue = testQueue("flow-follow-up");
        Envelope request = Envelope.create(aTokenRevocation(), "req-" + UUID.randomUUID(), "corr-" + UUID.randomUUID());
        Map<String, String> seenMdc = new ConcurrentHashMap<>();

        topology.declareConsumerQueue(followUpQueue, List.of(QueueBinding.event(followUpKey)));

        Message followUp;
        try (Subscription subscription = consumers.listen(queue, List.of(QueueBinding.command(routingKey)),
                envelope -> {
                    seenMdc.put("requestId", MDC.get("requestId"));
                    seenMdc.put("correlationId", MDC.get(Envelope.CORRELATION_ID_MDC_KEY));
                    outbox.appendEvent(followUpKey, aTokenRevocation());
                })) {
            broker.publish(Topology.COMMANDS, routingKey, asMessage(request));
            followUp = broker.receive(followUpQueue, TIMEOUT);
        }

        assertThat(seenMdc).containsEntry("requestId", request.requestId())
                .containsEntry("correlationId", request.correlationId());
        assertThat(followUp).isNotNull();
        Envelope followUpEnvelope = codec.decode(followUp.getBody());
        assertThat(followUpEnvelope.requestId()).isEqualTo(request.requestId());
        assertThat(followUpEnvelope.correlationId()).isEqualTo(request.correlationId());
        assertThat(MDC.get("requestId")).as("test thread's MDC untouched").isNull();
    }

    @Test
    void theDelaySinceTheSenderCreatedTheMessageAndTheHandlingTimeAreTimedPerQueueAndType() {
        String routingKey = "test.timed." + UUID.randomUUID();
        String queue = testQueue("timed");
        Envelope fresh = Envelope.create(aTokenRevocation());
        // Created three seconds before it is sent: as if it had waited in an outbox and a queue that long.
        Envelope late = new Envelope(UUID.randomUUID(), fresh.type(), fresh.version(), fresh.correlationId(), null,
                Instant.now().minusSeconds(3), fresh.payload());

        try (Subscription subscription = consumers.listen(queue, List.of(QueueBinding.command(routingKey)),
                envelope -> {
                    recordHandled(queue, envelope);
                    sleep(Duration.ofMillis(50));
                })) {
            broker.publish(Topology.COMMANDS, routingKey, asMessage(late));
            await().atMost(TIMEOUT).until(() -> handledRows(queue, late.id()) == 1);
            // The timers are recorded after the commit that made the row visible.
            await().atMost(TIMEOUT).until(() -> meters.find(MessagingMetrics.CONSUMER_HANDLING).tag("queue", queue)
                    .timer() != null);
        }

        Timer delay = meters.get(MessagingMetrics.CONSUMER_DELAY).tag("queue", queue).tag("type", late.type()).timer();
        assertThat(delay.count()).isEqualTo(1);
        assertThat(delay.totalTime(TimeUnit.MILLISECONDS)).isBetween(3_000.0, 13_000.0);
        Timer handling = meters.get(MessagingMetrics.CONSUMER_HANDLING).tag("queue", queue).tag("type", late.type())
                .timer();
        assertThat(handling.count()).isEqualTo(1);
        assertThat(handling.totalTime(TimeUnit.MILLISECONDS)).isBetween(50.0, 10_000.0);
    }

    @Test
    void aQueueMayHaveMoreConsumersThanTheConfiguredConcurrency() {
        String routingKey = "test.concurrent." + UUID.randomUUID();
        String queue = testQueue("concurrent");
        Envelope first = Envelope.create(aTokenRevocation());
        Envelope second = Envelope.create(aTokenRevocation());
        // Each handler waits until both are being handled: with one consumer the first would wait in vain.
        CountDownLatch bothInside = new CountDownLatch(2);

        try (Subscription subscription = consumers.listen(queue, List.of(QueueBinding.command(routingKey)),
                envelope -> {
                    bothInside.countDown();
                    awaitLatch(bothInside);
                    recordHandled(queue, envelope);
                }, 2)) {
            broker.publish(Topology.COMMANDS, routingKey, asMessage(first));
            broker.publish(Topology.COMMANDS, routingKey, asMessage(second));
            await().atMost(TIMEOUT).until(() -> handledRows(queue, first.id()) + handledRows(queue, second.id()) == 2);
        }

        assertThat(attempts.get(first.id())).as("handled at the first attempt, not after a timeout").hasValue(1);
        assertThat(attempts.get(second.id())).hasValue(1);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other message was not handled at the same time");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void recordHandled(String queue, Envelope envelope) {
        attempts.computeIfAbsent(envelope.id(), id -> new AtomicInteger()).incrementAndGet();
        jdbc.update("INSERT INTO handled_message (queue, message_id) VALUES (?, ?)", queue, envelope.id());
    }

    private int handledRows(String queue, UUID messageId) {
        Integer rows = jdbc.queryForObject("SELECT count(*) FROM handled_message WHERE queue = ? AND message_id = ?",
                Integer.class, queue, messageId);
        return rows == null ? 0 : rows;
    }

    private Message asMessage(Envelope envelope) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(envelope.id().toString());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        return new Message(codec.encode(envelope), properties);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
