package io.gpucloud.common.messaging;

/**
 * Handles one message. It runs inside the consumer's database transaction, together with the insert that
 * marks the message id processed: database work done through the application's DataSource (JdbcTemplate,
 * JPA, {@link OutboxWriter}) commits or rolls back with it. Throw to have the message retried; after
 * {@code cloud.messaging.consumer.max-attempts} failures it goes to {@code <queue>.dlq}.
 *
 * <p>Side effects outside the database (calls to libvirt, IPMI, other services) are not rolled back and
 * may run again on a retry or a redelivery, so they must be idempotent themselves.
 */
@FunctionalInterface
public interface MessageHandler {

    void handle(Envelope envelope);
}
