package io.gpucloud.objectstorage.swift;

import io.gpucloud.common.api.FaultDialect;
import io.gpucloud.common.auth.ApiSecurity;
import io.gpucloud.common.auth.TokenAuthenticationConfiguration;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * The Swift API's request pipeline: identity tokens verified locally (only {@code /info} and health are
 * public), Swift's transaction id on every response, and COPY turned into PUT with {@code X-Copy-From}.
 * A 401 from the token filter is Keystone-shaped JSON, which Swift clients accept (they act on the status).
 */
@Configuration(proxyBeanMethods = false)
@Import(TokenAuthenticationConfiguration.class)
class SwiftWebConfiguration {

    @Bean
    ApiSecurity apiSecurity() {
        return ApiSecurity.publicGets(FaultDialect.KEYSTONE, Set.of("/info"));
    }

    @Bean
    FilterRegistrationBean<SwiftTransactionIdFilter> swiftTransactionIdFilter() {
        FilterRegistrationBean<SwiftTransactionIdFilter> registration =
                new FilterRegistrationBean<>(new SwiftTransactionIdFilter());
        // Right after the request-id filter, whose id it reuses, and before authentication can answer.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CopyMethodFilter> copyMethodFilter() {
        FilterRegistrationBean<CopyMethodFilter> registration = new FilterRegistrationBean<>(new CopyMethodFilter());
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 5);
        return registration;
    }
}
