package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Starts reliable consumers:
 * <pre>{@code
 * consumers.listen("identity.token-cache", List.of(QueueBinding.event(TokenRevoked.ROUTING_KEY)),
 *         envelope -> cache.evict(envelope.payload(TokenRevoked.class).auditId()));
 * }</pre>
 * Each message is handled at most once per queue (deduplicated on the envelope id in the handler's
 * transaction), acknowledged manually only after its work committed, retried with backoff when the handler
 * throws, and dead-lettered to {@code <queue>.dlq} after {@code max-attempts} failed attempts. While a
 * message is handled, the MDC holds its {@code requestId} and {@code correlationId}.
 *
 * <p>Consumers registered before the application context has started begin consuming when it starts, and
 * stop before the outbox relay and the DataSource do.
 */
public final class MessageConsumers implements SmartLifecycle {

    /** Higher than the relay's phase: consumers start after it and stop before it. */
    static final int PHASE = OutboxRelay.PHASE + 1024;

    private static final Logger log = LoggerFactory.getLogger(MessageConsumers.class);

    private final ConnectionFactory connectionFactory;
    private final Topology topology;
    private final EnvelopeCodec codec;
    private final MessageInvoker invoker;
    private final FailedMessageRouter failures;
    private final MessagingMetrics metrics;
    private final MessagingProperties.Consumer settings;

    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>(); // guarded by this
    private boolean running; // guarded by this

    MessageConsumers(ConnectionFactory connectionFactory, Topology topology, EnvelopeCodec codec,
            MessageInvoker invoker, FailedMessageRouter failures, MessagingMetrics metrics,
            MessagingProperties.Consumer settings) {
        this.connectionFactory = requireNonNull(connectionFactory, "connectionFactory is null");
        this.topology = requireNonNull(topology, "topology is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.failures = requireNonNull(failures, "failures is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * Declares the durable queue (with its bindings and its {@code .dlq}) and consumes from it with the
     * handler. The queue name is also the consumer's identity for deduplication, so use one stable name per
     * consumer group, e.g. {@code scheduler.schedule}.
     */
    public synchronized Subscription listen(String queue, List<QueueBinding> bindings, MessageHandler handler) {
        return listen(queue, bindings, handler, settings.concurrency());
    }

    /**
     * As {@link #listen(String, List, MessageHandler)}, with {@code concurrency} consumers on this queue instead of
     * {@code cloud.messaging.consumer.concurrency}: for a queue whose messages do not depend on each other's order
     * and whose handling mostly waits (a host's builds), beside queues that keep one consumer so that their
     * messages are handled in order.
     */
    public synchronized Subscription listen(String queue, List<QueueBinding> bindings, MessageHandler handler,
            int concurrency) {
        requireNonNull(queue, "queue is null");
        requireNonNull(bindings, "bindings is null");
        requireNonNull(handler, "handler is null");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (subscriptions.containsKey(queue)) {
            throw new IllegalStateException("Already listening on " + queue);
        }
        try {
            topology.declareConsumerQueue(queue, bindings);
        }
        catch (AmqpConnectException brokerDown) {
            // Topology remembers the queue and declares it on the first connection; the consumer keeps
            // retrying until then, so a service can start while the broker is down.
            log.warn("Broker unreachable; queue {} will be declared once a connection opens: {}", queue,
                    brokerDown.toString());
        }
        SimpleMessageListenerContainer container = newContainer(queue, handler, concurrency);
        Subscription subscription = new Subscription(queue, container, this);
        subscriptions.put(queue, subscription);
        if (running) {
            subscription.start();
        }
        log.info("Listening on {} (bindings {}, prefetch {}, concurrency {})", queue, bindings,
                settings.prefetch(), concurrency);
        return subscription;
    }

    synchronized void remove(Subscription subscription) {
        subscriptions.remove(subscription.queue(), subscription);
    }

    private SimpleMessageListenerContainer newContainer(String queue, MessageHandler handler, int concurrency) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(queue);
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setPrefetchCount(settings.prefetch());
        container.setConcurrentConsumers(concurrency);
        // The queue may not exist yet when the broker was down at startup; keep retrying instead of failing.
        container.setMissingQueuesFatal(false);
        container.setTaskExecutor(new SimpleAsyncTaskExecutor("consumer-" + queue + "-"));
        container.setMessageListener(new ReliableMessageListener(queue, handler, codec, invoker, failures, metrics));
        container.afterPropertiesSet();
        return container;
    }

    @Override
    public synchronized void start() {
        running = true;
        subscriptions.values().forEach(Subscription::start);
    }

    @Override
    public synchronized void stop() {
        running = false;
        subscriptions.values().forEach(Subscription::stop);
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
