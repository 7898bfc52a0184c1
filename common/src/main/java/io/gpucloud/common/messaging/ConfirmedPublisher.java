package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes and waits for the broker's publisher confirms: a confirmed message is stored by the broker
 * (persistent messages to durable queues are on disk), anything else may be lost and must be sent again.
 */
final class ConfirmedPublisher {

    /** Outcome of one publish: confirmed, or why not. */
    record Confirmation(boolean confirmed, String failure) {
        static final Confirmation CONFIRMED = new Confirmation(true, null);

        static Confirmation failed(String failure) {
            return new Confirmation(false, failure);
        }
    }

    /** One message to publish. */
    record Outgoing(String exchange, String routingKey, Message message) {
        Outgoing {
            requireNonNull(exchange, "exchange is null");
            requireNonNull(routingKey, "routingKey is null");
            requireNonNull(message, "message is null");
        }
    }

    private final RabbitTemplate template;
    private final Duration confirmTimeout;

    ConfirmedPublisher(ConnectionFactory connectionFactory, Duration confirmTimeout) {
        requireNonNull(connectionFactory, "connectionFactory is null");
        this.confirmTimeout = requireNonNull(confirmTimeout, "confirmTimeout is null");
        if (!connectionFactory.isPublisherConfirms()) {
            throw new IllegalStateException("The messaging library needs correlated publisher confirms:"
                    + " set spring.rabbitmq.publisher-confirm-type=correlated");
        }
        this.template = new RabbitTemplate(connectionFactory);
        // A separate connection for publishing, so that a broker blocking publishers (memory alarm) does not
        // also stall this process's consumers, which share the consumer connection.
        this.template.setUsePublisherConnection(true);
    }

    /**
     * Publishes all messages, then waits (up to the confirm timeout in total) for their confirms.
     *
     * @return one confirmation per message, in order
     * @throws org.springframework.amqp.AmqpException when the broker cannot be reached at all
     */
    List<Confirmation> publishAll(List<Outgoing> messages) {
        List<CorrelationData> pending = new ArrayList<>(messages.size());
        // One channel for the whole batch: each send outside invoke takes a channel from the cache and gives it
        // back with its confirm outstanding, which hands it to the connection factory's publisher thread until
        // the confirm arrives (a thread hand-off per message).
        template.invoke(operations -> {
            for (Outgoing outgoing : messages) {
                CorrelationData correlation = new CorrelationData(
                        outgoing.message().getMessageProperties().getMessageId());
                operations.send(outgoing.exchange(), outgoing.routingKey(), outgoing.message(), correlation);
                pending.add(correlation);
            }
            return null;
        });
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        List<Confirmation> confirmations = new ArrayList<>(pending.size());
        for (CorrelationData correlation : pending) {
            confirmations.add(awaitConfirm(correlation, deadline));
        }
        return confirmations;
    }

    /** Publishes one message and returns once the broker confirmed it; throws otherwise. */
    void publish(String exchange, String routingKey, Message message) {
        Confirmation confirmation = publishAll(List.of(new Outgoing(exchange, routingKey, message))).get(0);
        if (!confirmation.confirmed()) {
            throw new PublishNotConfirmedException("Publishing message " + message.getMessageProperties().getMessageId()
                    + " to " + exchange + "/" + routingKey + " was not confirmed: " + confirmation.failure());
        }
    }

    private Confirmation awaitConfirm(CorrelationData correlation, long deadlineNanos) {
        long remaining = Math.max(0, deadlineNanos - System.nanoTime());
        try {
            CorrelationData.Confirm confirm = correlation.getFuture().get(remaining, TimeUnit.NANOSECONDS);
            return confirm.ack() ? Confirmation.CONFIRMED : Confirmation.failed("nacked: " + confirm.reason());
        }
        catch (TimeoutException e) {
            return Confirmation.failed("no publisher confirm within " + confirmTimeout);
        }
        catch (ExecutionException e) {
            return Confirmation.failed(String.valueOf(e.getCause()));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishNotConfirmedException("Interrupted while waiting for publisher confirms", e);
        }
    }
}
