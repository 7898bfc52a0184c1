package io.gpucloud.scheduler;

import io.gpucloud.common.auth.TokenVerifier;
import io.gpucloud.common.testing.TestDatabase;
import io.gpucloud.common.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Placement API on a random port over a fresh database on the machine's real PostgreSQL, accepting
 * tokens signed by {@link TestTokens} instead of identity's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=scheduler", "cloud.identity.url=http://127.0.0.1:9/v3",
                "cloud.identity.key-refresh=PT1H",
                // No consumers in API tests: only the worker tests' context may take scheduler.schedule messages.
                "cloud.scheduler.worker.enabled=false"},
        classes = {SchedulerApplication.class, PlacementTestBase.Tokens.class})
public abstract class PlacementTestBase {

    protected static final TestTokens TOKENS = new TestTokens();
    private static final TestDatabase DATABASE = TestDatabase.create("placement");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DATABASE::close));
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("cloud.db.url", DATABASE::jdbcUrl);
    }

    @TestConfiguration
    static class Tokens {
        @Bean
        @Primary
        TokenVerifier testTokenVerifier() {
            return TOKENS.verifier();
        }
    }

    @LocalServerPort
    protected int port;

    protected PlacementClient placement;

    @BeforeEach
    void connect() {
        placement = new PlacementClient(port, TOKENS.admin());
    }
}
