package io.gpucloud.agent.instance;

import static io.gpucloud.agent.instance.SimulatedHost.flavor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gpucloud.agent.discovery.HostDiscovery;
import io.gpucloud.agent.inventory.HostPlan;
import io.gpucloud.common.messaging.DirectPublisher;
import io.gpucloud.common.messaging.MessageConsumers;
import io.gpucloud.common.messaging.QueueBinding;
import io.gpucloud.common.messaging.Subscription;
import io.gpucloud.common.messaging.contract.InstanceEventPartitions;
import io.gpucloud.common.messaging.contract.BuildFailed;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.InstanceAction;
import io.gpucloud.common.messaging.contract.InstanceStateChanged;
import io.gpucloud.common.messaging.contract.InstanceStateChanged.State;
import io.gpucloud.common.messaging.contract.MessagePayload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The agent's command side as deployed, through the real RabbitMQ (127.0.0.1:5672, guest/guest): BuildInstance
 * published to {@code compute.<host>.build} builds a guest on a simulated host and InstanceStateChanged ACTIVE comes
 * back on {@code cloud.events}; a refused build answers BuildFailed; STOP (twice: idempotent), START and both
 * reboots on {@code compute.<host>.action} answer SHUTOFF or ACTIVE, and DELETE answers DELETED. The host name is unique per run, so the run's queues see only its own commands.
 */
class BuildThroughBrokerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @BeforeAll
    static void needsQemuImg() {
        assumeTrue(ExternalCommand.onPath("qemu-img"), "qemu-img (Debian qemu-utils) is not installed");
    }

    @Test
    void buildFailAndDeleteThroughRabbitMq() throws Exception {
        String host = "broker-" + UUID.randomUUID().toString().substring(0, 8);
        UUID image = UUID.randomUUID();
        java.nio.file.Files.createDirectories(work.resolve("images"));
        new ExternalCommand(Duration.ofSeconds(30)).run(List.of("qemu-img", "create", "-q", "-f", "qcow2",
                work.resolve("images").resolve(image.toString()).toString(), "1G"));
        try (ConfigurableApplicationContext agent = new SpringApplicationBuilder(Agent.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=compute-agent-broker-test", "test.host=" + host,
                        "cloud.agent.instances.libvirt-uri=" + SimulatedHost.uri("a100-8x-2numa.xml"),
                        "cloud.agent.instances.state-dir=" + work.resolve("state"),
                        "cloud.agent.instances.images-dir=" + work.resolve("images"),
                        "cloud.agent.instances.config-drive=true",
                        "cloud.messaging.consumer.retry-backoff=100ms",
                        "spring.rabbitmq.publisher-confirm-type=correlated")
                .run()) {
            DirectPublisher publisher = agent.getBean(DirectPublisher.class);
            MessageConsumers consumers = agent.getBean(MessageConsumers.class);
            HostPlan plan = agent.getBean(HostPlanSource.class).current();
            BlockingQueue<MessagePayload> events = new LinkedBlockingQueue<>();
            String eventsQueue = "test.compute-api." + host;
            try (Subscription api = consumers.listen(eventsQueue, List.of(
                    QueueBinding.event(InstanceEventPartitions.anyPartition(InstanceStateChanged.ROUTING_KEY)),
                    QueueBinding.event(BuildFailed.ROUTING_KEY)),
                    envelope -> events.add(envelope.type().equals("BuildFailed") ? envelope.payload(BuildFailed.class)
                            : envelope.payload(InstanceStateChanged.class)))) {
                BuildInstance build = new BuildInstance(UUID.randomUUID(), "p", "u", host, UUID.randomUUID(), 1,
                        Map.of(), List.of(new BuildInstance.ClaimedGpu(UUID.randomUUID(),
                                plan.gpus().get(0).providerName(), "PGPU", 1, Set.of())), flavor(4, Map.of()),
                        Map.of(), new io.gpucloud.common.messaging.contract.BuildSpec("vm", image, null, null, null,
                                Map.of()), List.of());

                publisher.publishCommand(BuildInstance.routingKey(host), build);
                InstanceStateChanged active = next(events, InstanceStateChanged.class, build.instanceUuid());
                assertThat(active.state()).isEqualTo(State.ACTIVE);
                assertThat(active.host()).isEqualTo(host);
                assertThat(active.domainName()).isEqualTo("instance-" + build.instanceUuid());

                BuildInstance taken = new BuildInstance(UUID.randomUUID(), "p", "u", host, UUID.randomUUID(), 2,
                        Map.of(), build.gpus(), build.flavor(), Map.of(), build.build(), List.of());
                publisher.publishCommand(BuildInstance.routingKey(host), taken);
                BuildFailed failed = next(events, BuildFailed.class, taken.instanceUuid());
                assertThat(failed.attempt()).isEqualTo(2);
                assertThat(failed.reason()).contains("already passed through to domain instance-"
                        + build.instanceUuid());

                for (var step : List.of(Map.entry(InstanceAction.Action.STOP, State.SHUTOFF),
                        Map.entry(InstanceAction.Action.STOP, State.SHUTOFF),
                        Map.entry(InstanceAction.Action.START, State.ACTIVE),
                        Map.entry(InstanceAction.Action.REBOOT_SOFT, State.ACTIVE),
                        Map.entry(InstanceAction.Action.REBOOT_HARD, State.ACTIVE))) {
                    publisher.publishCommand(InstanceAction.routingKey(host), new InstanceAction(build.instanceUuid(),
                            host, step.getKey()));
                    assertThat(next(events, InstanceStateChanged.class, build.instanceUuid()).state())
                            .as(step.getKey().name()).isEqualTo(step.getValue());
                }

                publisher.publishCommand(InstanceAction.routingKey(host), new InstanceAction(build.instanceUuid(),
                        host, InstanceAction.Action.DELETE));
                assertThat(next(events, InstanceStateChanged.class, build.instanceUuid()).state())
                        .isEqualTo(State.DELETED);
                assertThat(agent.getBean(InstanceDriver.class).list()).isEmpty();
            } finally {
                AmqpAdmin admin = agent.getBean(AmqpAdmin.class);
                for (String queue : List.of(eventsQueue, InstanceCommandListeners.buildQueue(host),
                        InstanceCommandListeners.actionQueue(host))) {
                    admin.deleteQueue(queue);
                    admin.deleteQueue(queue + ".dlq");
                }
            }
        }
    }

    private static <T> T next(BlockingQueue<MessagePayload> events, Class<T> type, UUID instance)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            MessagePayload event = events.poll(1, TimeUnit.SECONDS);
            if (type.isInstance(event) && instanceOf(event).equals(instance)) {
                return type.cast(event);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " for " + instance + " within " + PATIENCE);
    }

    private static UUID instanceOf(MessagePayload event) {
        return event instanceof BuildFailed failed ? failed.instanceUuid()
                : ((InstanceStateChanged) event).instanceUuid();
    }

    /**
     * The agent's instance side only. Deliberately not a {@code @Configuration}: the application's component scan
     * covers this package and must not pick it up.
     */
    // The agent has no database: without these, Boot would insist on one because common brings JDBC along.
    @EnableAutoConfiguration(excludeName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
    @Import(InstanceConfiguration.class)
    static class Agent {

        @Bean
        HostPlanSource testHostPlan(Environment environment) {
            String host = environment.getRequiredProperty("test.host");
            HostPlan plan = HostPlan.of(host, HostDiscovery.forLibvirt(
                    environment.getRequiredProperty("cloud.agent.instances.libvirt-uri")).discover().withHostname(host),
                    Map.of(), Set.of(), 2000, 0, 0);
            return () -> plan;
        }
    }
}
