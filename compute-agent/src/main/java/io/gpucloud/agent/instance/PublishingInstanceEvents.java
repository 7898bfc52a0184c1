package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.messaging.DirectPublisher;
import io.gpucloud.common.messaging.contract.BuildFailed;
import io.gpucloud.common.messaging.contract.InstanceStateChanged;

/**
 * Publishes the events right away with the broker's confirm (the agent has no database, so no outbox). The handler
 * calls it before the command is acknowledged: if the broker is down the command is retried, and the idempotent
 * handler publishes again.
 */
public final class PublishingInstanceEvents implements InstanceEvents {

    private final DirectPublisher publisher;

    public PublishingInstanceEvents(DirectPublisher publisher) {
        this.publisher = requireNonNull(publisher, "publisher is null");
    }

    @Override
    public void stateChanged(InstanceStateChanged event) {
        publisher.publishEvent(InstanceStateChanged.routingKey(event.instanceUuid()), event);
    }

    @Override
    public void buildFailed(BuildFailed event) {
        publisher.publishEvent(BuildFailed.ROUTING_KEY, event);
    }
}
