package io.gpucloud.compute.server;

import io.gpucloud.common.messaging.MessageConsumers;
import io.gpucloud.common.messaging.QueueBinding;
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
 * The events that move servers: one queue for the scheduler's and the hosts' reports about instances, shared by
 * every compute-api replica, so that what one publisher sends about an instance arrives in the order it was sent.
 */
@Configuration(proxyBeanMethods = false)
public class ServerEventConsumers {

    public static final String QUEUE = "compute-api.instance-events";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SmartInitializingSingleton serverEventListeners(MessageConsumers consumers, ServerEvents events) {
        return () -> consumers.listen(QUEUE, List.of(QueueBinding.event(InstanceScheduled.ROUTING_KEY),
                QueueBinding.event(NoValidHost.ROUTING_KEY), QueueBinding.event(InstanceStateChanged.ROUTING_KEY)),
                envelope -> {
                    switch (envelope.type()) {
                        case "InstanceScheduled" -> events.onScheduled(envelope.payload(InstanceScheduled.class));
                        case "NoValidHost" -> events.onNoValidHost(envelope.payload(NoValidHost.class));
                        case "InstanceStateChanged" ->
                                events.onStateChanged(envelope.payload(InstanceStateChanged.class));
                        default -> throw new IllegalArgumentException("unexpected message " + envelope.type());
                    }
                });
    }
}
