package io.gpucloud.sampleservice;

import io.gpucloud.common.api.FaultDialect;
import io.gpucloud.common.api.FaultHandlerSupport;
import io.gpucloud.common.auth.ApiSecurity;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import io.gpucloud.common.auth.TokenAuthenticationConfiguration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A Nova-shaped service that checks identity's tokens the way every service will. */
@SpringBootApplication
@Import(TokenAuthenticationConfiguration.class)
public class SampleServiceApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(SampleServiceApplication.class).properties("spring.config.name=sample-service");
    }

    @Bean
    ApiSecurity apiSecurity() {
        return ApiSecurity.publicGets(FaultDialect.NOVA, Set.of("/"));
    }

    @RestControllerAdvice
    static class Faults extends FaultHandlerSupport {
        Faults() {
            super(FaultDialect.NOVA);
        }
    }

    @RestController
    static class Controller {
        @GetMapping("/")
        Map<String, Object> versions() {
            return Map.of("versions", java.util.List.of());
        }

        @GetMapping("/projects/{projectId}/things")
        Map<String, Object> things(AuthContext caller, @PathVariable String projectId) {
            Policy.requireProject(caller, projectId);
            return Map.of("user", caller.userId(), "admin", caller.isAdmin());
        }
    }
}
