package io.gpucloud.objectstorage;

import io.gpucloud.common.auth.TokenVerifier;
import io.gpucloud.common.testing.TestDatabase;
import io.gpucloud.common.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The object-storage service on a random port, over a fresh database on the machine's PostgreSQL and a fresh
 * data path, accepting tokens signed by {@link TestTokens} instead of identity's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=object-storage", "cloud.identity.url=http://127.0.0.1:9/v3",
                "cloud.identity.key-refresh=PT1H"},
        classes = {ObjectStorageApplication.class, ObjectStorageTestBase.Tokens.class})
public abstract class ObjectStorageTestBase {

    protected static final TestTokens TOKENS = new TestTokens();
    private static final TestDatabase DATABASE = TestDatabase.create("object");
    protected static final Path DATA = temporaryDirectory();
    protected static final Duration DELETE_GRACE = Duration.ofMillis(500);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DATABASE.close();
            deleteRecursively(DATA);
        }));
    }

    /** Removes a test's data path; best effort, it is a temporary directory anyway. */
    public static void deleteRecursively(Path root) {
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // already gone
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("cloud.db.url", DATABASE::jdbcUrl);
        registry.add("cloud.object.data-path", DATA::toString);
        // Short, so that tests see replaced files go; long enough for the sendfile race in ReadWhileOverwriteTest.
        registry.add("cloud.object.delete-grace", () -> DELETE_GRACE.toString());
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

    @Autowired
    private MeterRegistry meters;

    protected SwiftClient swift;

    @BeforeEach
    void connect() {
        // Each test its own project, so that account-wide counts and listings see only its own containers.
        swift = client("p-" + java.util.UUID.randomUUID().toString().substring(0, 8));
    }

    /** A client acting as a member of {@code project}, on that project's account. */
    protected SwiftClient client(String project) {
        return new SwiftClient("http://127.0.0.1:" + port, "AUTH_" + project, TOKENS.member(project));
    }

    /** Body files on the data path (not temporary ones). */
    protected static long bodyFiles() {
        try (java.util.stream.Stream<Path> files = Files.walk(DATA)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getParent().getFileName().toString().equals("tmp")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Body files once no replaced or deleted version's file is waiting for its removal: the baseline to count from.
     * A count taken while an earlier removal is pending would drop by one more than the test expects.
     */
    protected long settledBodyFiles() {
        Awaitility.await("no body file waiting for its removal").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(this::bodiesRetiring, pending -> pending == 0);
        return bodyFiles();
    }

    /** Replaced and deleted versions' files go {@link #DELETE_GRACE} after the commit: waits for them, then counts. */
    protected void awaitBodyFiles(long expected, String why) {
        Awaitility.await(why).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> bodiesRetiring() == 0 ? bodyFiles() : -1, count -> count == expected);
    }

    private double bodiesRetiring() {
        return meters.get("object.bodies.retiring").gauge().value();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("object-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
