package io.gpucloud.agent.inventory;

import io.gpucloud.agent.placement.PlacementClient;
import io.gpucloud.common.auth.TokenSource;
import io.gpucloud.common.auth.TokenVerifier;
import io.gpucloud.common.testing.TestDatabase;
import io.gpucloud.common.testing.TestTokens;
import io.gpucloud.common.web.RunningService;
import io.gpucloud.scheduler.SchedulerApplication;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.json.JsonMapper;

/** The real Placement API (scheduler module, worker off) over a fresh database, trusting {@link TestTokens}. */
final class RunningPlacement implements AutoCloseable {

    static final TestTokens TOKENS = new TestTokens();

    private final TestDatabase database = TestDatabase.create("agentplacement");
    private final RunningService service;

    RunningPlacement() {
        service = RunningService.start(SchedulerApplication.application().sources(Tokens.class),
                "--cloud.db.url=" + database.jdbcUrl(), "--cloud.identity.url=http://127.0.0.1:9/v3",
                "--cloud.identity.key-refresh=PT1H", "--cloud.scheduler.worker.enabled=false",
                "--spring.main.allow-bean-definition-overriding=true");
    }

    /** A client for the agent's side, with an admin token. */
    PlacementClient client() {
        String token = TOKENS.admin();
        return new PlacementClient(URI.create(service.baseUrl()), new TokenSource() {
            @Override
            public String token() {
                return token;
            }

            @Override
            public void invalidate() {
            }
        }, JsonMapper.builder().build());
    }

    String baseUrl() {
        return service.baseUrl();
    }

    @Override
    public void close() {
        service.close();
        database.close();
    }

    @Configuration(proxyBeanMethods = false)
    static class Tokens {
        @Bean
        @Primary
        TokenVerifier testTokenVerifier() {
            return TOKENS.verifier();
        }
    }
}
