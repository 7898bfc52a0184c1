package io.gpucloud.identity.web;

import io.gpucloud.common.api.FaultDialect;
import io.gpucloud.common.auth.AuthContextArgumentResolver;
import io.gpucloud.common.auth.SignedTokenFormat;
import io.gpucloud.common.auth.TokenAuthenticationFilter;
import io.gpucloud.identity.IdentityProperties;
import io.gpucloud.identity.catalog.CatalogProperties;
import io.gpucloud.identity.token.TokenValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Authentication for every identity call except discovery, token issue and the published keys. */
@Configuration
@EnableConfigurationProperties({IdentityProperties.class, CatalogProperties.class})
public class IdentityWebConfiguration implements WebMvcConfigurer {

    private static final Set<String> PUBLIC_GETS = Set.of("/", "/v3", "/v3/", "/v3/auth/keys", "/v3/auth/revocations");

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SignedTokenFormat signedTokenFormat(JsonMapper json) {
        return new SignedTokenFormat(json);
    }

    @Bean
    FilterRegistrationBean<TokenAuthenticationFilter> tokenAuthentication(TokenValidator validator, JsonMapper json,
            CatalogProperties catalog) {
        TokenAuthenticationFilter filter = new TokenAuthenticationFilter(validator.verifierForFilter(),
                FaultDialect.KEYSTONE, json, IdentityWebConfiguration::isPublic,
                "Keystone uri=\"http://" + catalog.publicHost() + ":5000\"");
        FilterRegistrationBean<TokenAuthenticationFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    static boolean isPublic(HttpServletRequest request) {
        String path = request.getRequestURI();
        String method = request.getMethod();
        if (path.startsWith("/actuator/")) {
            return true;
        }
        if (method.equals("POST") && path.equals("/v3/auth/tokens")) {
            return true;
        }
        return (method.equals("GET") || method.equals("HEAD")) && PUBLIC_GETS.contains(path);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new AuthContextArgumentResolver());
    }
}
