package io.gpucloud.agent.instance;

import static io.gpucloud.agent.instance.SimulatedHost.flavor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gpucloud.agent.inventory.HostPlan;
import io.gpucloud.common.messaging.DirectPublisher;
import io.gpucloud.common.messaging.MessageConsumers;
import io.gpucloud.common.messaging.QueueBinding;
import io.gpucloud.common.messaging.Subscription;
import io.gpucloud.common.messaging.contract.InstanceEventPartitions;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.BuildSpec;
import io.gpucloud.common.messaging.contract.InstanceStateChanged;
import io.gpucloud.common.messaging.contract.InstanceStateChanged.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * An agent stopped while a build is in progress (its handler stuck fetching the image, the BuildInstance not yet
 * acknowledged) loses nothing: the broker hands the command to the agent started after it, which builds the guest
 * and reports ACTIVE; the stuck attempt never acts again.
 */
class AgentRestartMidBuildTest {

    /** Holds the first agent's build until the test ends, as if its process had died there. */
    static final CountDownLatch NEVER_BEFORE_THE_END = new CountDownLatch(1);
    static final CountDownLatch FIRST_BUILD_STARTED = new CountDownLatch(1);

    @TempDir
    Path work;

    @BeforeAll
    static void needsQemuImg() {
        assumeTrue(ExternalCommand.onPath("qemu-img"), "qemu-img (Debian qemu-utils) is not installed");
    }

    private ConfigurableApplicationContext agent(String host, Class<?>... extra) {
        Class<?>[] sources = new Class<?>[extra.length + 1];
        sources[0] = BuildThroughBrokerTest.Agent.class;
        System.arraycopy(extra, 0, sources, 1, extra.length);
        return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
                .properties("spring.config.name=compute-agent-restart-test", "test.host=" + host,
                        "cloud.agent.instances.libvirt-uri=" + SimulatedHost.uri("a100-8x-2numa.xml"),
                        "cloud.agent.instances.state-dir=" + work.resolve("state"),
                        "cloud.agent.instances.images-dir=" + work.resolve("images"),
                        "cloud.agent.instances.config-drive=false",
                        "spring.rabbitmq.publisher-confirm-type=correlated")
                .run();
    }

    @Test
    void aBuildInterruptedByAnAgentRestartIsCompletedByTheNextAgent() throws Exception {
        String host = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        UUID image = UUID.randomUUID();
        Files.createDirectories(work.resolve("images"));
        new ExternalCommand(Duration.ofSeconds(30)).run(List.of("qemu-img", "create", "-q", "-f", "qcow2",
                work.resolve("images").resolve(image.toString()).toString(), "1G"));
        BlockingQueue<InstanceStateChanged> events = new LinkedBlockingQueue<>();
        String eventsQueue = "test.restart-events." + host;
        ConfigurableApplicationContext first = agent(host, StuckImages.class);
        ConfigurableApplicationContext second = null;
        try {
            HostPlan plan = first.getBean(HostPlanSource.class).current();
            Subscription watcher = first.getBean(MessageConsumers.class).listen(eventsQueue,
                    List.of(QueueBinding.event(InstanceEventPartitions.anyPartition(InstanceStateChanged.ROUTING_KEY))),
                    envelope -> events.add(envelope.payload(InstanceStateChanged.class)));
            BuildInstance build = new BuildInstance(UUID.randomUUID(), "p", "u", host, UUID.randomUUID(), 1, Map.of(),
                    List.of(new BuildInstance.ClaimedGpu(UUID.randomUUID(), plan.gpus().get(0).providerName(), "PGPU",
                            1, Set.of())), flavor(4, Map.of()), Map.of(),
                    new BuildSpec("vm", image, null, null, null, Map.of()), List.of());
            first.getBean(DirectPublisher.class).publishCommand(BuildInstance.routingKey(host), build);
            assertThat(FIRST_BUILD_STARTED.await(60, TimeUnit.SECONDS)).as("the first agent took the build").isTrue();
            watcher.close();

            first.close();
            second = agent(host);
            second.getBean(MessageConsumers.class).listen(eventsQueue,
                    List.of(QueueBinding.event(InstanceEventPartitions.anyPartition(InstanceStateChanged.ROUTING_KEY))),
                    envelope -> events.add(envelope.payload(InstanceStateChanged.class)));

            InstanceStateChanged active = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (active == null && System.nanoTime() < deadline) {
                InstanceStateChanged event = events.poll(1, TimeUnit.SECONDS);
                if (event != null && event.instanceUuid().equals(build.instanceUuid())) {
                    active = event;
                }
            }
            assertThat(active).as("the second agent built the guest").isNotNull();
            assertThat(active.state()).isEqualTo(State.ACTIVE);
            assertThat(second.getBean(InstanceDriver.class).inspect(build.instanceUuid()))
                    .hasValueSatisfying(status -> assertThat(status.state()).isEqualTo(State.ACTIVE));
        } finally {
            NEVER_BEFORE_THE_END.countDown();
            ConfigurableApplicationContext admin = second != null ? second : first;
            if (admin.isActive()) {
                AmqpAdmin amqp = admin.getBean(AmqpAdmin.class);
                for (String queue : List.of(eventsQueue, InstanceCommandListeners.buildQueue(host),
                        InstanceCommandListeners.actionQueue(host))) {
                    amqp.deleteQueue(queue);
                    amqp.deleteQueue(queue + ".dlq");
                }
            }
            if (second != null) {
                second.close();
            }
            first.close();
        }
    }

    /** An image source that never answers (until the test ends): the first agent's build hangs in it. */
    static class StuckImages {
        @Bean
        @Primary
        ImageSource stuckImageSource() {
            return image -> {
                FIRST_BUILD_STARTED.countDown();
                try {
                    NEVER_BEFORE_THE_END.await();
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("this agent was stopped");
            };
        }
    }
}
