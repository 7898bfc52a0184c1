package io.gpucloud.agent.instance;

import io.gpucloud.common.messaging.DirectPublisher;
import io.gpucloud.common.messaging.MessageConsumers;
import io.gpucloud.common.messaging.StatelessMessagingConfiguration;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The agent's guests: the libvirt connection, the driver, and the handlers of the host's build and action queues.
 * Needs a {@link HostPlanSource} bean (registration keeps the plan); without one the queues are not consumed and a
 * warning says so, so the agent can still start for discovery alone.
 */
@Configuration(proxyBeanMethods = false)
@Import(StatelessMessagingConfiguration.class)
@EnableConfigurationProperties(InstanceProperties.class)
public class InstanceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(InstanceConfiguration.class);

    @Bean(destroyMethod = "close")
    LibvirtConnection instanceLibvirtConnection(InstanceProperties properties) {
        return LibvirtConnection.lazy(properties.libvirtUri());
    }

    @Bean
    ImageSource instanceImageSource(InstanceProperties properties) {
        return new LocalImageDirectory(properties.imagesDir());
    }

    @Bean
    InstanceDriver instanceDriver(LibvirtConnection instanceLibvirtConnection, InstanceProperties properties,
            ImageSource instanceImageSource) {
        Optional<ConfigDrive> configDrive = properties.configDrive() ? Optional.of(new ConfigDrive())
                : Optional.empty();
        return new InstanceDriver(instanceLibvirtConnection, properties.stateDir(), instanceImageSource,
                new QcowOverlay(), configDrive, properties.stopTimeout(), properties.fixedDomainType());
    }

    @Bean
    InstanceEvents instanceEvents(DirectPublisher directPublisher) {
        return new PublishingInstanceEvents(directPublisher);
    }

    @Bean(destroyMethod = "close")
    InstanceCommandListeners instanceCommandListeners(MessageConsumers messageConsumers, InstanceDriver instanceDriver,
            InstanceEvents instanceEvents, ObjectProvider<HostPlanSource> hostPlans, InstanceProperties properties) {
        HostPlanSource plans = hostPlans.getIfAvailable();
        if (plans == null) {
            log.warn("No HostPlanSource bean: the build and action queues of this host are not consumed");
            return InstanceCommandListeners.none();
        }
        Clock clock = Clock.systemUTC();
        return InstanceCommandListeners.listen(messageConsumers, plans.host(),
                new BuildInstanceHandler(instanceDriver, plans, instanceEvents, clock),
                new InstanceActionHandler(instanceDriver, instanceEvents, clock), properties.maxConcurrentBuilds());
    }
}
