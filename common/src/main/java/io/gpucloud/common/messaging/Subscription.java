package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

/** A consumer started by {@link MessageConsumers#listen}; closing it stops consuming from the queue. */
public final class Subscription implements AutoCloseable {

    private final String queue;
    private final SimpleMessageListenerContainer container;
    private final MessageConsumers owner;

    Subscription(String queue, SimpleMessageListenerContainer container, MessageConsumers owner) {
        this.queue = requireNonNull(queue, "queue is null");
        this.container = requireNonNull(container, "container is null");
        this.owner = requireNonNull(owner, "owner is null");
    }

    public String queue() {
        return queue;
    }

    /** Whether the consumer is running (it may still be waiting for the broker). */
    public boolean isRunning() {
        return container.isRunning();
    }

    void start() {
        container.start();
    }

    void stop() {
        container.stop();
    }

    /** Stops consuming; unacknowledged messages go back to the queue. */
    @Override
    public void close() {
        owner.remove(this);
        container.stop();
        container.destroy();
    }
}
