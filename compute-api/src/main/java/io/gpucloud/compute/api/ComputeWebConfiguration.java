package io.gpucloud.compute.api;

import io.gpucloud.common.api.FaultDialect;
import io.gpucloud.common.api.MicroversionInterceptor;
import io.gpucloud.common.auth.ApiSecurity;
import io.gpucloud.common.auth.TokenAuthenticationConfiguration;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The compute API's request pipeline: token authentication (identity's tokens, verified locally) on everything
 * but version discovery, and Nova microversion negotiation on {@code /v2.1/**} (a controller method takes an
 * {@link io.gpucloud.common.api.ApiVersion} parameter to see the negotiated version). Faults are Nova's
 * ({@code {"badRequest": {"code": 400, "message": …}}}, see {@link ComputeFaults}).
 */
@Configuration(proxyBeanMethods = false)
@Import(TokenAuthenticationConfiguration.class)
public class ComputeWebConfiguration implements WebMvcConfigurer {

    private final MicroversionInterceptor microversions =
            new MicroversionInterceptor(ComputeVersions.SERVICE_TYPE, ComputeVersions.negotiator());

    @Bean
    ApiSecurity apiSecurity() {
        return ApiSecurity.publicGets(FaultDialect.NOVA, Set.of("/", "/v2.1", "/v2.1/", "/image", "/image/",
                "/image/versions"));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(microversions).addPathPatterns("/v2.1/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(microversions);
    }
}
