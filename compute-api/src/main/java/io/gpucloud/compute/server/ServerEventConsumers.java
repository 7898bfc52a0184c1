package io.gpucloud.compute.server;

import static io.gpucloud.common.messaging.contract.InstanceEventPartitions.partitionKey;

import io.gpucloud.common.messaging.MessageConsumers;
import io.gpucloud.common.messaging.MessageHandler;
import io.gpucloud.common.messaging.QueueBinding;
import io.gpucloud.common.messaging.contract.InstanceEventPartitions;
import io.gpucloud.common.messaging.contract.InstanceScheduled;
import io.gpucloud.common.messaging.contract.InstanceStateChanged;
import io.gpucloud.common.messaging.contract.NoValidHost;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events that move servers: the scheduler's and the hosts' reports about instances. They are partitioned by
 * instance ({@link InstanceEventPartitions}): one queue per partition, {@code compute-api.instance-events.N},
 * shared by every compute-api replica, each with one consumer here, so that what one publisher sends about an
 * instance is applied in the order it was sent while different instances' reports are applied in parallel.
 */
@Configuration(proxyBeanMethods = false)
public class ServerEventConsumers {

    /** The queues' common prefix; partition N's queue is {@code QUEUE + "." + N}. */
    public static final String QUEUE = "compute-api.instance-events";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SmartInitializingSingleton serverEventListeners(MessageConsumers consumers, ServerEvents events) {
        MessageHandler handler = envelope -> {
            switch (envelope.type()) {
                case "InstanceScheduled" -> events.onScheduled(envelope.payload(InstanceScheduled.class));
                case "NoValidHost" -> events.onNoValidHost(envelope.payload(NoValidHost.class));
                case "InstanceStateChanged" -> events.onStateChanged(envelope.payload(InstanceStateChanged.class));
                default -> throw new IllegalArgumentException("unexpected message " + envelope.type());
            }
        };
        return () -> {
            for (int partition = 0; partition < InstanceEventPartitions.COUNT; partition++) {
                consumers.listen(QUEUE + "." + partition, List.of(
                        QueueBinding.event(partitionKey(InstanceScheduled.ROUTING_KEY, partition)),
                        QueueBinding.event(partitionKey(NoValidHost.ROUTING_KEY, partition)),
                        QueueBinding.event(partitionKey(InstanceStateChanged.ROUTING_KEY, partition))), handler, 1);
            }
            // Reports published before the partitioning (unsuffixed keys) still in this queue, or from a publisher
            // not yet upgraded, are applied too.
            consumers.listen(QUEUE, List.of(QueueBinding.event(InstanceScheduled.ROUTING_KEY),
                    QueueBinding.event(NoValidHost.ROUTING_KEY), QueueBinding.event(InstanceStateChanged.ROUTING_KEY)),
                    handler, 1);
        };
    }
}
