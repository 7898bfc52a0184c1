package io.gpucloud.compute;

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
 * The compute API on a random port over a fresh database on the machine's real PostgreSQL (and the real
 * RabbitMQ), accepting tokens signed by {@link TestTokens} instead of identity's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=compute-api", "cloud.identity.url=http://127.0.0.1:9/v3",
                "cloud.identity.key-refresh=PT1H"},
        classes = {ComputeApiApplication.class, ComputeTestBase.Tokens.class})
public abstract class ComputeTestBase {

    protected static final TestTokens TOKENS = new TestTokens();
    private static final TestDatabase DATABASE = TestDatabase.create("compute");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DATABASE::close));
    }

    /** Image data of this test run (never the default ./var/images). */
    protected static final java.nio.file.Path IMAGE_DATA;

    static {
        try {
            IMAGE_DATA = java.nio.file.Files.createTempDirectory("compute-images-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                org.springframework.util.FileSystemUtils.deleteRecursively(IMAGE_DATA.toFile())));
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("cloud.db.url", DATABASE::jdbcUrl);
        registry.add("cloud.compute.images.data-path", IMAGE_DATA::toString);
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

    /** As the cloud's admin. */
    protected NovaClient nova;

    @BeforeEach
    void connect() {
        nova = new NovaClient("http://127.0.0.1:" + port, TOKENS.admin());
    }

    /** As a member of the project. */
    protected NovaClient member(String projectId) {
        return nova.as(TOKENS.member(projectId));
    }
}
