package io.gpucloud.scheduler.api;

import io.gpucloud.common.api.FaultDialect;
import io.gpucloud.common.api.MicroversionInterceptor;
import io.gpucloud.common.auth.ApiSecurity;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import io.gpucloud.common.auth.TokenAuthenticationConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The Placement API's request pipeline: token authentication (identity's tokens, verified locally),
 * microversion negotiation on every request, and Placement's default policy: every call but version
 * discovery is for administrators and services only.
 */
@Configuration(proxyBeanMethods = false)
@Import(TokenAuthenticationConfiguration.class)
public class PlacementWebConfiguration implements WebMvcConfigurer {

    private final MicroversionInterceptor microversions =
            new MicroversionInterceptor(PlacementVersions.SERVICE_TYPE, PlacementVersions.negotiator());

    @Bean
    ApiSecurity apiSecurity() {
        return ApiSecurity.publicGets(FaultDialect.PLACEMENT, Set.of("/"));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(microversions);
        registry.addInterceptor(new AdminOnly()).excludePathPatterns("/", "/actuator/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(microversions);
    }

    /** Placement's policy: admin (or a service acting as admin) for everything but the root. */
    static final class AdminOnly implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            Object caller = request.getAttribute(AuthContext.REQUEST_ATTRIBUTE);
            if (caller == null) {
                throw io.gpucloud.common.api.ApiException.unauthorized();
            }
            Policy.requireAdmin((AuthContext) caller);
            return true;
        }
    }
}
