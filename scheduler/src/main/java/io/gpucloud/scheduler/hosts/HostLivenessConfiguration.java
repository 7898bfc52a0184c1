package io.gpucloud.scheduler.hosts;

import io.gpucloud.common.messaging.MessageConsumers;
import io.gpucloud.common.messaging.QueueBinding;
import io.gpucloud.common.messaging.contract.HostHeartbeat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Heartbeats in (queue {@code scheduler.heartbeats}, shared by the replicas) and the periodic check for
 * silent hosts; both part of the scheduler worker ({@code cloud.scheduler.worker.enabled}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HostLivenessProperties.class)
public class HostLivenessConfiguration {

    public static final String HEARTBEAT_QUEUE = "scheduler.heartbeats";

    private static final Logger log = LoggerFactory.getLogger(HostLivenessConfiguration.class);

    @Bean
    @ConditionalOnProperty(name = "cloud.scheduler.worker.enabled", havingValue = "true", matchIfMissing = true)
    SmartInitializingSingleton heartbeatConsumer(MessageConsumers consumers, HostLiveness liveness) {
        return () -> consumers.listen(HEARTBEAT_QUEUE, List.of(QueueBinding.event(HostHeartbeat.ROUTING_KEY)),
                envelope -> liveness.onHeartbeat(envelope.payload(HostHeartbeat.class)));
    }

    @Bean
    @ConditionalOnProperty(name = "cloud.scheduler.worker.enabled", havingValue = "true", matchIfMissing = true)
    SilentHostCheck silentHostCheck(HostLiveness liveness, HostLivenessProperties properties) {
        return new SilentHostCheck(liveness, properties);
    }

    /** Runs {@link HostLiveness#markSilentHostsDown} every check interval on its own thread. */
    static final class SilentHostCheck implements DisposableBean {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "silent-host-check");
            thread.setDaemon(true);
            return thread;
        });

        SilentHostCheck(HostLiveness liveness, HostLivenessProperties properties) {
            long period = properties.checkInterval().toMillis();
            timer.scheduleWithFixedDelay(() -> {
                try {
                    liveness.markSilentHostsDown();
                }
                catch (RuntimeException e) {
                    log.warn("Checking for silent hosts failed: {}", e.toString());
                }
            }, period, period, TimeUnit.MILLISECONDS);
        }

        @Override
        public void destroy() {
            timer.shutdownNow();
        }
    }
}
