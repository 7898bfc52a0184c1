package io.gpucloud.compute.host;

import io.gpucloud.common.messaging.MessageConsumers;
import io.gpucloud.common.messaging.QueueBinding;
import io.gpucloud.common.messaging.contract.HostHeartbeat;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The agents' heartbeats, on a queue of the API's own (the scheduler has another, bound to the same key). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HostLivenessProperties.class)
public class HostHeartbeatConsumers {

    public static final String QUEUE = "compute-api.host-heartbeats";

    @Bean
    SmartInitializingSingleton hostHeartbeatListener(MessageConsumers consumers, HostStates states) {
        return () -> consumers.listen(QUEUE, List.of(QueueBinding.event(HostHeartbeat.ROUTING_KEY)),
                envelope -> states.onHeartbeat(envelope.payload(HostHeartbeat.class)));
    }
}
