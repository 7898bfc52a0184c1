package io.gpucloud.scheduler.scheduling;

import io.gpucloud.common.messaging.EnvelopeCodec;
import io.gpucloud.common.messaging.MessageConsumers;
import io.gpucloud.common.messaging.OutboxWriter;
import io.gpucloud.common.messaging.QueueBinding;
import io.gpucloud.common.messaging.contract.BuildFailed;
import io.gpucloud.common.messaging.contract.InstanceDeleted;
import io.gpucloud.common.messaging.contract.ScheduleInstance;
import io.gpucloud.scheduler.allocation.AllocationService;
import io.gpucloud.scheduler.candidate.AllocationCandidates;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scheduler worker: consumes {@code scheduler.schedule} commands and {@code instance.build_failed} events.
 * {@code cloud.scheduler.worker.enabled=false} runs the Placement API alone (no consumers; the
 * {@link InstanceScheduler} bean still exists, which tests call directly).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulingProperties.class)
public class SchedulingConfiguration {

    /** The queue of ScheduleInstance commands, shared by every scheduler replica. */
    public static final String SCHEDULE_QUEUE = "scheduler.schedule";
    /** The queue of BuildFailed events, shared by every scheduler replica. */
    public static final String BUILD_FAILED_QUEUE = "scheduler.build-failed";
    /** The queue of InstanceDeleted events, shared by every scheduler replica. */
    public static final String INSTANCE_DELETED_QUEUE = "scheduler.instance-deleted";

    @Bean
    InstanceScheduler instanceScheduler(AllocationCandidates candidates, AllocationService allocations,
            SchedulingRecords records, OutboxWriter outbox, EnvelopeCodec codec,
            SchedulingProperties properties, MeterRegistry meters) {
        GpuPicker picker = new GpuPicker();
        return new InstanceScheduler(SchedulingPipeline.standard(candidates, properties),
                new NoValidHostExplainer(candidates, picker), allocations, records, outbox, codec,
                properties, meters);
    }

    @Bean
    @ConditionalOnProperty(name = "cloud.scheduler.worker.enabled", havingValue = "true", matchIfMissing = true)
    SmartInitializingSingleton schedulingConsumers(MessageConsumers consumers, InstanceScheduler scheduler) {
        return () -> {
            consumers.listen(SCHEDULE_QUEUE, List.of(QueueBinding.command(ScheduleInstance.ROUTING_KEY)),
                    envelope -> scheduler.schedule(envelope.payload(ScheduleInstance.class)));
            consumers.listen(BUILD_FAILED_QUEUE, List.of(QueueBinding.event(BuildFailed.ROUTING_KEY)),
                    envelope -> scheduler.onBuildFailed(envelope.payload(BuildFailed.class)));
            consumers.listen(INSTANCE_DELETED_QUEUE, List.of(QueueBinding.event(InstanceDeleted.ROUTING_KEY)),
                    envelope -> scheduler.onInstanceDeleted(envelope.payload(InstanceDeleted.class)));
        };
    }
}
