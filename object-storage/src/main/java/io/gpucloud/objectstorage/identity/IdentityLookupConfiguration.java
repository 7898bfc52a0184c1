package io.gpucloud.objectstorage.identity;

import io.gpucloud.common.auth.IdentityClientProperties;
import io.gpucloud.common.auth.ServiceCredentials;
import io.gpucloud.common.auth.ServiceTokens;
import io.gpucloud.objectstorage.s3.auth.SecretLookup;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * S3 access keys looked up in identity, with the service account {@code cloud.service-auth.*}. Without one
 * configured there is no lookup here and every S3 request is refused (tests supply their own).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceCredentials.class)
@ConditionalOnProperty(name = "cloud.service-auth.username")
class IdentityLookupConfiguration {

    @Bean
    SecretLookup identitySecretLookup(IdentityClientProperties identity, ServiceCredentials credentials,
            JsonMapper json) {
        return new IdentitySecretLookup(identity.url(), new ServiceTokens(identity.url(), credentials, json,
                Clock.systemUTC()), json, Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofSeconds(2));
    }
}
