package io.gpucloud.scheduler.scheduling;

import static io.gpucloud.scheduler.scheduling.GpuPool.A100;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.messaging.MessageConsumers;
import io.gpucloud.common.messaging.OutboxWriter;
import io.gpucloud.common.messaging.QueueBinding;
import io.gpucloud.common.messaging.Subscription;
import io.gpucloud.common.messaging.contract.InstanceEventPartitions;
import io.gpucloud.common.messaging.contract.BuildFailed;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.BuildSpec;
import io.gpucloud.common.messaging.contract.FlavorSpec;
import io.gpucloud.common.messaging.contract.NoValidHost;
import io.gpucloud.common.messaging.contract.ScheduleInstance;
import io.gpucloud.scheduler.PlacementTestBase;
import io.gpucloud.scheduler.candidate.ProviderRows;
import io.gpucloud.scheduler.scheduling.GpuPool.Host;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker as deployed: ScheduleInstance through the real RabbitMQ (published by an outbox, as compute-api
 * will), BuildInstance received on the chosen host's queue, BuildFailed answered with a BuildInstance to the
 * next host, and NoValidHost once none is left. Host names are unique per run, so each run's agent queues
 * receive only this run's builds.
 */
@TestPropertySource(properties = "cloud.scheduler.worker.enabled=true")
class SchedulingThroughBrokerTest extends PlacementTestBase {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MessageConsumers consumers;

    @Autowired
    OutboxWriter outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AmqpAdmin admin;

    ProviderRows rows;
    GpuPool pool;
    String run;

    @BeforeEach
    void startFromNothing() {
        rows = new ProviderRows(jdbc);
        rows.deleteEverything();
        pool = new GpuPool(rows);
        run = UUID.randomUUID().toString().substring(0, 8);
        // Commands left on the shared broker by other test runs (compute-api's tests publish ScheduleInstance)
        // would be worked through before this test's own.
        for (String queue : List.of(SchedulingConfiguration.SCHEDULE_QUEUE, SchedulingConfiguration.BUILD_FAILED_QUEUE,
                SchedulingConfiguration.INSTANCE_DELETED_QUEUE)) {
            admin.purgeQueue(queue, false);
        }
    }

    @AfterEach
    void leaveNothing() {
        rows.deleteEverything();
    }

    @Test
    void scheduleBuildFailRetryAndGiveUpThroughRabbitMq() throws Exception {
        Host first = pool.host("broker-" + run + "-a", "az1", A100, 8, 8, 0, 1, 2, 3, 4, 5); // packing: first
        Host second = pool.host("broker-" + run + "-b", "az1", A100, 8, 8);
        BlockingQueue<BuildInstance> buildsA = new LinkedBlockingQueue<>();
        BlockingQueue<BuildInstance> buildsB = new LinkedBlockingQueue<>();
        BlockingQueue<NoValidHost> refusals = new LinkedBlockingQueue<>();
        UUID instance = UUID.randomUUID();
        try (Subscription agentA = agent(first, buildsA); Subscription agentB = agent(second, buildsB);
                Subscription api = consumers.listen("test.compute-api." + run,
                        List.of(QueueBinding.event(InstanceEventPartitions.anyPartition(NoValidHost.ROUTING_KEY))),
                        envelope -> {
                            NoValidHost refusal = envelope.payload(NoValidHost.class);
                            if (refusal.instanceUuid().equals(instance)) {
                                refusals.add(refusal);
                            }
                        })) {
            send(ScheduleInstance.ROUTING_KEY, new ScheduleInstance(instance, "p", "u",
                    new FlavorSpec("vm.gpu.a100x2", 4, 16384, 20, Map.of("resources:PGPU", "2", "trait:" + A100,
                            "required")), Map.of(), "az1", Map.of(), null,
                    new BuildSpec("vm", UUID.randomUUID(), null, null, null, Map.of())), true);

            BuildInstance build = next(buildsA);
            assertThat(build.instanceUuid()).isEqualTo(instance);
            assertThat(build.gpus()).hasSize(2);
            assertThat(build.alternates()).extracting(BuildInstance.Alternate::host).containsExactly(second.name());

            send(BuildFailed.ROUTING_KEY, new BuildFailed(instance, first.name(), 1, "libvirt: device busy"), false);
            BuildInstance retry = next(buildsB);
            assertThat(retry.attempt()).isEqualTo(2);
            assertThat(rows.usedOn(first.gpus().get(6)) + rows.usedOn(first.gpus().get(7))).isZero();

            send(BuildFailed.ROUTING_KEY, new BuildFailed(instance, second.name(), 2, "libvirt: no IOMMU"), false);
            NoValidHost refusal = refusals.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(refusal).as("NoValidHost within %s", PATIENCE).isNotNull();
            assertThat(refusal.attempts()).isEqualTo(2);
            assertThat(refusal.reason()).contains(first.name() + ": libvirt: device busy")
                    .contains(second.name() + ": libvirt: no IOMMU");
            assertThat(jdbc.sql("SELECT count(*) FROM allocation WHERE consumer_uuid = :i").param("i", instance)
                    .query(Long.class).single()).isZero();
        } finally {
            for (String queue : List.of("test.agent." + first.name(), "test.agent." + second.name(),
                    "test.compute-api." + run)) {
                admin.deleteQueue(queue);
                admin.deleteQueue(queue + ".dlq");
            }
        }
    }

    private Subscription agent(Host host, BlockingQueue<BuildInstance> builds) {
        return consumers.listen("test.agent." + host.name(),
                List.of(QueueBinding.command(BuildInstance.routingKey(host.name()))),
                envelope -> builds.add(envelope.payload(BuildInstance.class)));
    }

    private void send(String routingKey, io.gpucloud.common.messaging.contract.MessagePayload payload,
            boolean command) {
        transactions.executeWithoutResult(status -> {
            if (command) {
                outbox.appendCommand(routingKey, payload);
            }
            else {
                outbox.appendEvent(routingKey, payload);
            }
        });
    }

    private static BuildInstance next(BlockingQueue<BuildInstance> builds) throws InterruptedException {
        BuildInstance build = builds.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(build).as("BuildInstance within %s", PATIENCE).isNotNull();
        return build;
    }
}
