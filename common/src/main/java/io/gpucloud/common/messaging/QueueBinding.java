package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

/**
 * One binding of a consumer queue: messages published to {@code exchange} whose routing key matches
 * {@code routingKeyPattern} (topic syntax: {@code *} one word, {@code #} zero or more words).
 */
public record QueueBinding(String exchange, String routingKeyPattern) {

    public QueueBinding {
        requireNonNull(exchange, "exchange is null");
        requireNonNull(routingKeyPattern, "routingKeyPattern is null");
    }

    /** Commands on {@link Topology#COMMANDS}, e.g. {@code scheduler.schedule}. */
    public static QueueBinding command(String routingKeyPattern) {
        return new QueueBinding(Topology.COMMANDS, routingKeyPattern);
    }

    /** Events on {@link Topology#EVENTS}, e.g. {@code instance.state} or {@code identity.#}. */
    public static QueueBinding event(String routingKeyPattern) {
        return new QueueBinding(Topology.EVENTS, routingKeyPattern);
    }
}
