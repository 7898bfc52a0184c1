package io.gpucloud.common.messaging;

import java.time.Duration;
import java.util.Properties;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The test's own view of RabbitMQ, connected directly (not through the proxy the code under test uses), to
 * look into queues and to play an outside publisher.
 */
final class BrokerProbe implements AutoCloseable {

    private static final long POLL_MILLIS = 50;

    private final CachingConnectionFactory connectionFactory;
    private final RabbitTemplate template;
    private final RabbitAdmin admin;

    private BrokerProbe(CachingConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
        this.template = new RabbitTemplate(connectionFactory);
        this.admin = new RabbitAdmin(connectionFactory);
    }

    static BrokerProbe connect() {
        String hostAndPort = System.getenv().getOrDefault("CLOUD_TEST_RABBIT", "127.0.0.1:5672");
        int colon = hostAndPort.lastIndexOf(':');
        CachingConnectionFactory factory = new CachingConnectionFactory(hostAndPort.substring(0, colon),
                Integer.parseInt(hostAndPort.substring(colon + 1)));
        factory.setUsername("guest");
        factory.setPassword("guest");
        return new BrokerProbe(factory);
    }

    /** Takes the next message from the queue, waiting up to the timeout; null when none came. */
    Message receive(String queue, Duration timeout) {
        // Polls with basic.get: simpler to reason about in a test than a temporary consumer.
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Message message = template.receive(queue);
            if (message != null || System.nanoTime() > deadline) {
                return message;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a message on " + queue, e);
            }
        }
    }

    /** Messages ready in the queue (not counting ones delivered and not yet acknowledged). */
    int readyMessages(String queue) {
        Properties properties = admin.getQueueProperties(queue);
        if (properties == null) {
            throw new IllegalStateException("Queue " + queue + " does not exist");
        }
        return ((Number) properties.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).intValue();
    }

    void publish(String exchange, String routingKey, Message message) {
        template.send(exchange, routingKey, message);
    }

    void deleteQueue(String queue) {
        admin.deleteQueue(queue);
    }

    @Override
    public void close() {
        connectionFactory.destroy();
    }
}
