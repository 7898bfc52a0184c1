package io.gpucloud.scheduler;

import io.gpucloud.common.auth.TokenSource;
import io.gpucloud.common.auth.TokenVerifier;
import io.gpucloud.common.testing.TestDatabase;
import io.gpucloud.common.testing.TestTokens;
import io.gpucloud.common.web.RunningService;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Placement API (scheduler module, worker off) on a random port over a fresh database, trusting
 * {@link TestTokens}: for other modules' tests (the compute agent's registration, compute-api's hypervisors).
 */
public final class RunningPlacement implements AutoCloseable {

    public static final TestTokens TOKENS = new TestTokens();

    private final TestDatabase database = TestDatabase.create("placementfortests");
    private final RunningService service;

    public RunningPlacement() {
        service = RunningService.start(SchedulerApplication.application().sources(Tokens.class),
                "--cloud.db.url=" + database.jdbcUrl(), "--cloud.identity.url=http://127.0.0.1:9/v3",
                "--cloud.identity.key-refresh=PT1H", "--cloud.scheduler.worker.enabled=false",
                "--spring.main.allow-bean-definition-overriding=true");
    }

    /** A client with an admin token. */
    public io.gpucloud.common.placement.PlacementClient client() {
        return new io.gpucloud.common.placement.PlacementClient(URI.create(service.baseUrl()), adminTokens(),
                JsonMapper.builder().build());
    }

    /** The admin's token, as a service's token source. */
    public static TokenSource adminTokens() {
        String token = TOKENS.admin();
        return new TokenSource() {
            @Override
            public String token() {
                return token;
            }

            @Override
            public void invalidate() {
            }
        };
    }

    public String baseUrl() {
        return service.baseUrl();
    }

    @Override
    public void close() {
        service.close();
        database.close();
    }

    /** Registered as a source, deliberately not a {@code @Configuration}: the scheduler's scan must not find it. */
    static class Tokens {
        @Bean
        @Primary
        TokenVerifier testTokenVerifier() {
            return TOKENS.verifier();
        }
    }
}
