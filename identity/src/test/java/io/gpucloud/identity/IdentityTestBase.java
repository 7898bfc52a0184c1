package io.gpucloud.identity;

import io.gpucloud.common.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The identity service on a random port, over a fresh database on the machine's real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=identity", "cloud.identity.bootstrap.admin-password=" + IdentityTestBase.ADMIN_PASSWORD},
        classes = {IdentityApplication.class, IdentityTestBase.Clocks.class})
public abstract class IdentityTestBase {

    public static final String ADMIN_PASSWORD = "s3cret-admin-pw";

    private static final TestDatabase DATABASE = TestDatabase.create("identity");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("cloud.db.url", DATABASE::jdbcUrl);
    }

    @AfterAll
    static void dropDatabaseWhenLastClassEnds() {
        // The database is shared by the cached Spring context; it is dropped at JVM exit.
        Runtime.getRuntime().addShutdownHook(new Thread(DATABASE::close));
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    protected KeystoneClient keystone;
    protected String adminToken;

    @BeforeEach
    void connect() {
        keystone = new KeystoneClient(port);
        adminToken = keystone.token("admin", ADMIN_PASSWORD, "admin");
    }
}
