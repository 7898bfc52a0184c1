package io.gpucloud.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gpucloud.common.messaging.contract.TokenRevoked;
import io.gpucloud.common.testing.TcpProxy;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;

class OutboxDeliveryTest extends MessagingIntegrationTest {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);

    @Autowired
    OutboxWriter outbox;
    @Autowired
    EnvelopeCodec codec;
    @Autowired
    TcpProxy brokerProxy;
    @Autowired
    MeterRegistry meters;
    @Autowired
    OutboxRepository outboxRepository;

    @Test
    void aMessageWrittenWhileTheBrokerIsUnreachableIsDeliveredOnceItIsBack() {
        String routingKey = "test.outage." + UUID.randomUUID();
        String queue = testQueue("outage");
        topology.declareConsumerQueue(queue, List.of(QueueBinding.event(routingKey)));
        double failuresBefore = publishFailures();

        brokerProxy.disconnect();
        Envelope envelope;
        try {
            envelope = transactions().execute(status -> outbox.appendEvent(routingKey, aTokenRevocation()));
            // The relay tried (woken by the commit), failed, and kept the row.
            await().atMost(DELIVERY_TIMEOUT).until(() -> publishFailures() > failuresBefore);
            assertThat(sentAt(envelope.id())).as("row of %s is still unsent", envelope.id()).isNull();
            assertThat(broker.readyMessages(queue)).isZero();
        }
        finally {
            brokerProxy.reconnect();
        }

        Message delivered = broker.receive(queue, DELIVERY_TIMEOUT);
        assertThat(delivered).as("message delivered after the broker came back").isNotNull();
        assertThat(codec.decode(delivered.getBody())).isEqualTo(envelope);
        await().atMost(DELIVERY_TIMEOUT).until(() -> sentAt(envelope.id()) != null);
    }

    @Test
    void nothingIsSentForARolledBackTransaction() {
        String routingKey = "test.rollback." + UUID.randomUUID();
        String queue = testQueue("rollback");
        topology.declareConsumerQueue(queue, List.of(QueueBinding.event(routingKey)));
        Envelope rolledBack = Envelope.create(aTokenRevocation());

        assertThatThrownBy(() -> transactions().executeWithoutResult(status -> {
            outbox.append(Topology.EVENTS, routingKey, rolledBack);
            throw new IllegalStateException("the state change failed after the message was appended");
        })).hasMessageContaining("state change failed");
        // Committed after the rolled-back one: had that one leaked, it would arrive first (oldest first).
        Envelope committed = transactions().execute(status -> outbox.appendEvent(routingKey, aTokenRevocation()));

        Message first = broker.receive(queue, DELIVERY_TIMEOUT);
        assertThat(first).isNotNull();
        assertThat(first.getMessageProperties().getMessageId()).isEqualTo(committed.id().toString());
        assertThat(broker.receive(queue, Duration.ofSeconds(1))).isNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE message_id = ?", Long.class,
                rolledBack.id())).isZero();
    }

    @Test
    void aCommitWakesTheRelayWithoutWaitingForThePollInterval() {
        // The poll interval is 10 minutes in these tests; only the after-commit wake-up can be this quick.
        String routingKey = "test.wake." + UUID.randomUUID();
        String queue = testQueue("wake");
        topology.declareConsumerQueue(queue, List.of(QueueBinding.event(routingKey)));

        Envelope envelope = transactions().execute(status -> outbox.appendEvent(routingKey, aTokenRevocation()));

        assertThat(broker.receive(queue, Duration.ofSeconds(5))).isNotNull();
        // The broker can deliver before the relay's transaction marking the row sent has committed.
        await().atMost(Duration.ofSeconds(5)).until(() -> sentAt(envelope.id()) != null);
    }

    @Test
    void theRelayedMessageIsPersistentAndCarriesTheEnvelopeIdsAsAmqpProperties() {
        String routingKey = "test.headers." + UUID.randomUUID();
        String queue = testQueue("headers");
        topology.declareConsumerQueue(queue, List.of(QueueBinding.event(routingKey)));

        MDC.put(Envelope.REQUEST_ID_MDC_KEY, "req-" + UUID.randomUUID());
        Envelope envelope;
        try {
            envelope = transactions().execute(status -> outbox.appendEvent(routingKey, aTokenRevocation()));
        }
        finally {
            MDC.remove(Envelope.REQUEST_ID_MDC_KEY);
        }

        Message delivered = broker.receive(queue, DELIVERY_TIMEOUT);
        assertThat(delivered).isNotNull();
        MessageProperties properties = delivered.getMessageProperties();
        assertThat(envelope.requestId()).startsWith("req-");
        assertThat(envelope.correlationId()).isEqualTo(envelope.requestId());
        assertThat(properties.getMessageId()).isEqualTo(envelope.id().toString());
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(properties.getContentType()).isEqualTo(MessageProperties.CONTENT_TYPE_JSON);
        assertThat(properties.<String>getHeader(EnvelopeHeaders.TYPE)).isEqualTo("TokenRevoked");
        assertThat(properties.<Integer>getHeader(EnvelopeHeaders.VERSION)).isEqualTo(1);
        assertThat(properties.<String>getHeader(EnvelopeHeaders.REQUEST_ID)).isEqualTo(envelope.requestId());
        assertThat(properties.<String>getHeader(EnvelopeHeaders.CORRELATION_ID)).isEqualTo(envelope.correlationId());
        assertThat(codec.decode(delivered.getBody()).payload(TokenRevoked.class))
                .isEqualTo(envelope.payload(TokenRevoked.class));
    }

    @Test
    void appendingOutsideATransactionFails() {
        assertThatThrownBy(() -> outbox.appendEvent("test.no-transaction", aTokenRevocation()))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE routing_key = 'test.no-transaction'",
                Long.class)).isZero();
    }

    @Test
    void twoRelayReplicasNeverLockTheSameRows() throws Exception {
        // Rows inserted through the repository so that no commit wakes this process's relay.
        Envelope first = Envelope.create(aTokenRevocation());
        Envelope second = Envelope.create(aTokenRevocation());
        transactions().executeWithoutResult(status -> {
            outboxRepository.insert(Topology.EVENTS, "test.replicas", first, codec.encode(first));
            outboxRepository.insert(Topology.EVENTS, "test.replicas", second, codec.encode(second));
        });
        CountDownLatch replicaAHoldsItsRows = new CountDownLatch(1);
        CountDownLatch replicaBIsDone = new CountDownLatch(1);
        ExecutorService replicaA = Executors.newSingleThreadExecutor();
        try {
            Future<List<OutboxMessage>> lockedByA = replicaA.submit(() -> transactions().execute(status -> {
                List<OutboxMessage> rows = outboxRepository.lockOldestUnsent(1);
                replicaAHoldsItsRows.countDown();
                awaitLatch(replicaBIsDone);
                return rows;
            }));
            awaitLatch(replicaAHoldsItsRows);
            List<OutboxMessage> lockedByB = transactions().execute(status -> outboxRepository.lockOldestUnsent(100));
            replicaBIsDone.countDown();

            List<UUID> idsA = lockedByA.get(10, TimeUnit.SECONDS).stream().map(OutboxMessage::messageId).toList();
            List<UUID> idsB = lockedByB.stream().map(OutboxMessage::messageId).toList();
            assertThat(idsA).hasSize(1).doesNotContainAnyElementsOf(idsB);
            assertThat(Stream.concat(idsA.stream(), idsB.stream())).contains(first.id(), second.id());
        }
        finally {
            replicaBIsDone.countDown();
            replicaA.shutdownNow();
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the other replica did not get there in time");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Timestamp sentAt(UUID messageId) {
        return jdbc.queryForObject("SELECT sent_at FROM outbox WHERE message_id = ?", Timestamp.class,
                messageId);
    }

    private double publishFailures() {
        return meters.get(MessagingMetrics.OUTBOX_PUBLISH_FAILURES).counter().count();
    }
}
