package io.gpucloud.common.auth;

import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token authentication for a service other than identity: {@code @Import} it and declare an
 * {@link ApiSecurity} bean. Every non-public request then needs a valid {@code X-Auth-Token}, verified
 * locally with identity's published keys, and controller methods may take an {@link AuthContext}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityClientProperties.class)
public class TokenAuthenticationConfiguration implements WebMvcConfigurer {

    @Bean(destroyMethod = "close")
    PublishedIdentityKeys publishedIdentityKeys(IdentityClientProperties identity, JsonMapper json) {
        return new PublishedIdentityKeys(identity.url(), identity.keyRefresh(), json, Clock.systemUTC());
    }

    @Bean
    TokenVerifier tokenVerifier(PublishedIdentityKeys keys, JsonMapper json) {
        return new TokenVerifier(new SignedTokenFormat(json), keys, keys, Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<TokenAuthenticationFilter> tokenAuthenticationFilter(TokenVerifier verifier,
            ApiSecurity security, IdentityClientProperties identity, JsonMapper json) {
        String identityRoot = identity.url().toString().replaceFirst("/v3/?$", "");
        FilterRegistrationBean<TokenAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new TokenAuthenticationFilter(verifier, security.dialect(), json, security.isPublic(),
                        "Keystone uri=\"" + identityRoot + "\""));
        // After the request-id filter, so that rejected requests are logged with their id.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new AuthContextArgumentResolver());
    }
}
