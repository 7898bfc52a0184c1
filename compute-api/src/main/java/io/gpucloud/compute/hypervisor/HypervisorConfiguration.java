package io.gpucloud.compute.hypervisor;

import io.gpucloud.common.auth.IdentityClientProperties;
import io.gpucloud.common.auth.ServiceCredentials;
import io.gpucloud.common.auth.ServiceTokens;
import io.gpucloud.common.auth.TokenSource;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Placement, read with the compute API's service account ({@code cloud.service-auth.*}); at
 * {@code cloud.compute.placement-url}. Without an account there are no hypervisors to show (503).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceCredentials.class)
class HypervisorConfiguration {

    @Bean
    @ConditionalOnMissingBean(TokenSource.class)
    @ConditionalOnProperty(name = "cloud.service-auth.username")
    TokenSource computeServiceTokens(IdentityClientProperties identity, ServiceCredentials credentials,
            JsonMapper json) {
        return new ServiceTokens(identity.url(), credentials, json, Clock.systemUTC());
    }
}
