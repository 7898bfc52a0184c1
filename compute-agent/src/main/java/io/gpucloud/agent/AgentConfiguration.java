package io.gpucloud.agent;

import io.gpucloud.agent.discovery.HostDiscovery;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.inventory.AgentLoop;
import io.gpucloud.agent.instance.HostPlanSource;
import io.gpucloud.agent.instance.InstanceEvents;
import io.gpucloud.agent.instance.PublishingInstanceEvents;
import io.gpucloud.common.placement.PlacementException;
import io.gpucloud.agent.reconcile.Reconciler;
import io.gpucloud.agent.reconcile.RememberingInstanceEvents;
import io.gpucloud.agent.reconcile.ReportedStates;
import io.gpucloud.agent.instance.InstanceConfiguration;
import io.gpucloud.agent.instance.InstanceDriver;
import io.gpucloud.agent.inventory.HostPlan;
import io.gpucloud.agent.inventory.HostReporter;
import io.gpucloud.agent.inventory.OutOfServiceGpus;
import io.gpucloud.agent.inventory.ProviderTreeSync;
import io.gpucloud.agent.domain.CpuSet;
import io.gpucloud.common.placement.PlacementClient;
import io.gpucloud.common.auth.IdentityClientProperties;
import io.gpucloud.common.auth.ServiceCredentials;
import io.gpucloud.common.auth.ServiceTokens;
import io.gpucloud.common.messaging.DirectPublisher;
import io.gpucloud.common.messaging.StatelessMessagingConfiguration;
import io.gpucloud.common.messaging.contract.HostHeartbeat;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.json.JsonMapper;

/** The agent's parts: discovery, the Placement client, the reporter and its timers, messaging without a database. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AgentProperties.class, ServiceCredentials.class, IdentityClientProperties.class})
@Import({StatelessMessagingConfiguration.class, InstanceConfiguration.class})
class AgentConfiguration {

    @Bean
    HostDiscovery hostDiscovery(AgentProperties agent) {
        return agent.discovery().equals("sysfs") ? HostDiscovery.forSysfs(Path.of("/"))
                : HostDiscovery.forLibvirt(agent.libvirtUri());
    }

    /** The host's name: configured, or else what discovery reports (read once, at start). */
    @Bean
    AgentHost agentHost(AgentProperties agent, HostDiscovery discovery) {
        if (agent.host() != null && !agent.host().isBlank()) {
            return new AgentHost(agent.host());
        }
        HostInventory inventory = discovery.discover();
        return new AgentHost(inventory.hostname());
    }

    @Bean
    ServiceTokens serviceTokens(IdentityClientProperties identity, ServiceCredentials credentials, JsonMapper json) {
        return new ServiceTokens(identity.url(), credentials, json, Clock.systemUTC());
    }

    @Bean
    PlacementClient placementClient(AgentProperties agent, ServiceTokens tokens, JsonMapper json) {
        return new PlacementClient(agent.placementUrl(), tokens, json);
    }

    @Bean
    HostReporter hostReporter(AgentProperties agent, AgentHost host, HostDiscovery discovery,
            PlacementClient placement, DirectPublisher publisher, InstanceDriver instances) {
        HostReporter.PlanSettings settings = new HostReporter.PlanSettings(HostReporter.parseModes(agent.gpuModes()),
                agent.diskGb(), agent.reservedVcpus(), agent.reservedMemoryMb(),
                agent.dedicatedCpus().isBlank() ? Set.of() : CpuSet.parse(agent.dedicatedCpus()));
        OutOfServiceGpus outOfService = new OutOfServiceGpus(agent.gpusOutOfService(),
                agent.stateDir().resolve("gpus-out-of-service"));
        ProviderTreeSync sync = new ProviderTreeSync(placement, agent.cpuAllocationRatio(), agent.ramAllocationRatio());
        IntSupplier instanceCount = () -> instances.list().size();
        return new HostReporter(host.name(), discovery::discover, settings, outOfService, sync,
                heartbeat -> publisher.publishEvent(HostHeartbeat.ROUTING_KEY, heartbeat), instanceCount,
                agent.heartbeatInterval(), Clock.systemUTC());
    }

    /** Builds read the plan registration keeps; the queues are named after the configured host. */
    @Bean
    HostPlanSource hostPlanSource(HostReporter reporter, AgentHost host) {
        return new HostPlanSource() {
            @Override
            public HostPlan current() {
                return reporter.currentPlan();
            }

            @Override
            public String host() {
                return host.name();
            }
        };
    }

    @Bean
    ReportedStates reportedStates() {
        return new ReportedStates();
    }

    /** What the handlers report is remembered, so that reconciliation reports only later changes. */
    @Bean
    @Primary
    InstanceEvents rememberingInstanceEvents(DirectPublisher publisher, ReportedStates reported) {
        return new RememberingInstanceEvents(new PublishingInstanceEvents(publisher), reported);
    }

    @Bean
    Reconciler reconciler(AgentHost host, InstanceDriver instances, InstanceEvents events, PlacementClient placement,
            AgentProperties agent, ReportedStates reported) {
        return new Reconciler(host.name(), instances, events, root -> {
            try {
                return Optional.of(placement.consumersOf(root));
            }
            catch (PlacementException e) {
                return Optional.empty();
            }
        }, instance -> instances.files(instance).exists(), agent.destroyUnknown(), reported, Clock.systemUTC());
    }

    @Bean
    AgentLoop agentLoop(HostReporter reporter, AgentProperties agent, Reconciler reconciler) {
        return new AgentLoop(reporter, agent.inventoryInterval(), agent.heartbeatInterval(),
                () -> reconciler.reconcile(reporter.rootProvider().orElse(null)), agent.reconcileInterval());
    }
}
