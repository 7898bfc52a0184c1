package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.messaging.MessageConsumers;
import io.gpucloud.common.messaging.QueueBinding;
import io.gpucloud.common.messaging.Subscription;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.InstanceAction;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's two command queues: {@code compute.<host>.build} (builds) and {@code compute.<host>.action} (start,
 * stop, reboot, delete). Queue names equal their routing keys, so a host's queues are easy to find on the broker.
 */
public final class InstanceCommandListeners implements AutoCloseable {

    private final List<Subscription> subscriptions = new ArrayList<>();

    private InstanceCommandListeners() {}

    /**
     * Declares the queues and starts consuming (when the consumers are started, if they are not yet): up to
     * {@code concurrentBuilds} builds at once, and one action at a time, in order.
     */
    public static InstanceCommandListeners listen(MessageConsumers consumers, String host,
            BuildInstanceHandler builds, InstanceActionHandler actions, int concurrentBuilds) {
        requireNonNull(host, "host is null");
        InstanceCommandListeners listeners = new InstanceCommandListeners();
        listeners.subscriptions.add(consumers.listen(buildQueue(host),
                List.of(QueueBinding.command(BuildInstance.routingKey(host))), builds, concurrentBuilds));
        listeners.subscriptions.add(consumers.listen(actionQueue(host),
                List.of(QueueBinding.command(InstanceAction.routingKey(host))), actions, 1));
        return listeners;
    }

    /** Consumes nothing (no host plan to build against). */
    public static InstanceCommandListeners none() {
        return new InstanceCommandListeners();
    }

    public static String buildQueue(String host) {
        return BuildInstance.routingKey(host);
    }

    public static String actionQueue(String host) {
        return InstanceAction.routingKey(host);
    }

    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }
}
