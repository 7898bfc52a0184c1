package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.context.SmartLifecycle;

/**
 * The exchanges every service shares and the queues this process consumes from.
 *
 * <p>Everything is declared durable and <em>without</em> queue arguments: RabbitMQ-only arguments such as
 * {@code x-dead-letter-exchange} make the embedded Qpid broker close the connection, so retries and
 * dead-lettering are done by the consumer in code (see {@link MessageConsumers}).
 *
 * <p>Declarations are remembered and repeated whenever a new broker connection opens, so a broker that lost
 * its state (or was not reachable when the service started) gets the topology back before anyone uses it.
 */
public final class Topology implements SmartLifecycle {

    /** Work for one consumer group, e.g. {@code scheduler.schedule}, {@code compute.<host>.build}. */
    public static final String COMMANDS = "cloud.commands";
    /** Facts that happened, e.g. {@code instance.state}; any service may bind. */
    public static final String EVENTS = "cloud.events";
    /** Dead letters; {@code <queue>.dlq} is bound here with routing key {@code <queue>}. */
    public static final String DEAD_LETTERS = "cloud.dlx";

    private static final Logger log = LoggerFactory.getLogger(Topology.class);
    private static final List<String> EXCHANGES = List.of(COMMANDS, EVENTS, DEAD_LETTERS);

    /** Starts before the relay, so that the exchanges exist before the first publish. */
    static final int PHASE = OutboxRelay.PHASE - 1024;

    private final ConnectionFactory connectionFactory;
    private final Map<String, List<QueueBinding>> consumerQueues = new ConcurrentHashMap<>();
    private volatile boolean running;

    public Topology(ConnectionFactory connectionFactory) {
        this.connectionFactory = requireNonNull(connectionFactory, "connectionFactory is null");
        // Also registered on the publisher connection factory, so a publish-only service declares too.
        connectionFactory.addConnectionListener(new RedeclareOnConnect());
    }

    /**
     * Declares the exchanges at startup. Needed besides the on-connect declaration because a connection may
     * already be open (another bean used the broker first) when this bean registers its listener.
     */
    @Override
    public void start() {
        running = true;
        try {
            declareExchanges();
        }
        catch (AmqpConnectException brokerDown) {
            log.warn("Broker unreachable at startup; exchanges will be declared once a connection opens: {}",
                    brokerDown.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The dead-letter queue of a consumer queue. */
    public static String deadLetterQueueOf(String queue) {
        return queue + ".dlq";
    }

    /** Declares the shared exchanges now. Fails when the broker is unreachable. */
    public void declareExchanges() {
        withChannel(this::declareExchanges);
    }

    /**
     * Declares a durable consumer queue with its bindings, plus {@code <queue>.dlq} bound to
     * {@link #DEAD_LETTERS} with routing key {@code <queue>}, now and on every later connection. When the
     * broker is unreachable this throws, but the queue is still declared as soon as a connection opens.
     */
    public void declareConsumerQueue(String queue, List<QueueBinding> bindings) {
        requireValidQueueName(queue);
        List<QueueBinding> copy = List.copyOf(requireNonNull(bindings, "bindings is null"));
        consumerQueues.put(queue, copy);
        withChannel(channel -> {
            declareExchanges(channel);
            declareConsumerQueue(channel, queue, copy);
        });
    }

    /** Stops re-declaring a consumer queue on new connections (the queue itself stays on the broker). */
    void forgetConsumerQueue(String queue) {
        consumerQueues.remove(queue);
    }

    private static void requireValidQueueName(String queue) {
        requireNonNull(queue, "queue is null");
        // The queue name doubles as the dead-letter routing key on a topic exchange, where these are wildcards.
        if (queue.isBlank() || queue.contains("*") || queue.contains("#") || queue.startsWith("amq.")) {
            throw new IllegalArgumentException("Invalid consumer queue name: '" + queue + "'");
        }
    }

    private void withChannel(ChannelWork work) {
        Connection connection = connectionFactory.createConnection();
        declareOn(connection, work);
    }

    private static void declareOn(Connection connection, ChannelWork work) {
        try (Channel channel = connection.createChannel(false)) {
            work.run(channel);
        }
        catch (IOException | TimeoutException e) {
            throw new AmqpIOException("Declaring the messaging topology failed", e);
        }
    }

    private void declareExchanges(Channel channel) throws IOException {
        for (String exchange : EXCHANGES) {
            channel.exchangeDeclare(exchange, "topic", true, false, false, null);
        }
    }

    private static void declareConsumerQueue(Channel channel, String queue, List<QueueBinding> bindings)
            throws IOException {
        channel.queueDeclare(queue, true, false, false, null);
        for (QueueBinding binding : bindings) {
            channel.queueBind(queue, binding.exchange(), binding.routingKeyPattern());
        }
        String deadLetterQueue = deadLetterQueueOf(queue);
        channel.queueDeclare(deadLetterQueue, true, false, false, null);
        channel.queueBind(deadLetterQueue, DEAD_LETTERS, queue);
        log.debug("Declared queue {} with bindings {} and dead-letter queue {}", queue, bindings, deadLetterQueue);
    }

    @FunctionalInterface
    private interface ChannelWork {
        void run(Channel channel) throws IOException;
    }

    private final class RedeclareOnConnect implements ConnectionListener {
        @Override
        public void onCreate(Connection connection) {
            declareOn(connection, channel -> {
                declareExchanges(channel);
                for (Map.Entry<String, List<QueueBinding>> queue : consumerQueues.entrySet()) {
                    declareConsumerQueue(channel, queue.getKey(), queue.getValue());
                }
            });
            log.info("Declared messaging topology ({} consumer queues) on new broker connection",
                    consumerQueues.size());
        }
    }
}
