package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.messaging.contract.MessagePayload;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends a message by writing it to the service's {@code outbox} table inside the caller's transaction, so
 * that the state change and the message announcing it commit or roll back together. The
 * {@link OutboxRelay} publishes it after the commit; nothing is sent for a rolled-back transaction, and
 * nothing is lost while the broker is down.
 *
 * <pre>{@code
 * @Transactional
 * public void revoke(Token token) {
 *     tokens.markRevoked(token);
 *     outbox.appendEvent(TokenRevoked.ROUTING_KEY, new TokenRevoked(token.auditId(), token.userId(), now));
 * }
 * }</pre>
 */
public final class OutboxWriter {

    private final OutboxRepository outbox;
    private final EnvelopeCodec codec;
    private final OutboxRelay relay;

    OutboxWriter(OutboxRepository outbox, EnvelopeCodec codec, OutboxRelay relay) {
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.relay = requireNonNull(relay, "relay is null");
    }

    /** Appends an event to {@link Topology#EVENTS}; request and correlation ids come from the MDC. */
    public Envelope appendEvent(String routingKey, MessagePayload payload) {
        return append(Topology.EVENTS, routingKey, payload);
    }

    /** Appends a command to {@link Topology#COMMANDS}; request and correlation ids come from the MDC. */
    public Envelope appendCommand(String routingKey, MessagePayload payload) {
        return append(Topology.COMMANDS, routingKey, payload);
    }

    /** Wraps the payload in a new envelope ({@link Envelope#create(MessagePayload)}) and appends it. */
    public Envelope append(String exchange, String routingKey, MessagePayload payload) {
        Envelope envelope = Envelope.create(payload);
        append(exchange, routingKey, envelope);
        return envelope;
    }

    /**
     * Appends the envelope to the outbox in the current transaction.
     *
     * @throws IllegalTransactionStateException when no transaction is active, or the active one does not use
     *     the outbox's DataSource: the row would then commit on its own, apart from the state change
     */
    public void append(String exchange, String routingKey, Envelope envelope) {
        requireNonNull(exchange, "exchange is null");
        requireNonNull(routingKey, "routingKey is null");
        requireNonNull(envelope, "envelope is null");
        requireTransactionOnOutboxDataSource();
        outbox.insert(exchange, routingKey, envelope, codec.encode(envelope));
        TransactionSynchronizationManager.registerSynchronization(new WakeRelayAfterCommit(relay));
    }

    private void requireTransactionOnOutboxDataSource() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalTransactionStateException("OutboxWriter.append needs an active transaction: the"
                    + " message must commit together with the state change it announces");
        }
        if (!TransactionSynchronizationManager.hasResource(outbox.dataSource())) {
            throw new IllegalTransactionStateException("The active transaction does not manage the outbox's"
                    + " DataSource; the outbox row would commit separately from the caller's changes");
        }
    }

    /** Wakes the relay once the rows are visible to it, instead of waiting for its next poll. */
    private record WakeRelayAfterCommit(OutboxRelay relay) implements TransactionSynchronization {
        @Override
        public void afterCommit() {
            relay.wake();
        }
    }
}
