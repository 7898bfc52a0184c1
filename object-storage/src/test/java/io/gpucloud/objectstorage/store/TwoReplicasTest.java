package io.gpucloud.objectstorage.store;

import static io.gpucloud.objectstorage.SwiftClient.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.auth.TokenVerifier;
import io.gpucloud.common.testing.TestDatabase;
import io.gpucloud.common.testing.TestTokens;
import io.gpucloud.common.web.RunningService;
import io.gpucloud.objectstorage.ObjectStorageApplication;
import io.gpucloud.objectstorage.ObjectStorageTestBase;
import io.gpucloud.objectstorage.SwiftClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Two replicas of the service over one database and one data path, as behind a load balancer on a shared
 * file system: what one writes the other reads, and concurrent writes of one key through both still leave
 * exactly one whole version with exact counts.
 */
class TwoReplicasTest {

    private static final TestTokens TOKENS = new TestTokens();

    @Configuration(proxyBeanMethods = false)
    static class Tokens {
        @Bean
        @Primary
        TokenVerifier testTokenVerifier() {
            return TOKENS.verifier();
        }
    }

    @Test
    void replicasShareEveryObjectAndSerializeWritesToOneKey() throws Exception {
        Path data = Files.createTempDirectory("shared-object-data");
        try (TestDatabase database = TestDatabase.create("object_replicas");
             RunningService first = start(database, data);
             RunningService second = start(database, data)) {
            SwiftClient one = new SwiftClient(first.baseUrl(), "AUTH_shared", TOKENS.member("shared"));
            SwiftClient two = new SwiftClient(second.baseUrl(), "AUTH_shared", TOKENS.member("shared"));

            assertThat(one.put("common", null).statusCode()).isEqualTo(201);
            assertThat(two.put("common", null).statusCode()).isEqualTo(202);
            one.put("common/written-by-one", "from one".getBytes(UTF_8));
            assertThat(text(two.get("common/written-by-one"))).isEqualTo("from one");

            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                bodies.add(("version " + i + " ").repeat(10_000 + i).getBytes(UTF_8));
            }
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
            try {
                List<Future<HttpResponse<byte[]>>> puts = new ArrayList<>();
                for (int i = 0; i < bodies.size(); i++) {
                    SwiftClient via = i % 2 == 0 ? one : two;
                    byte[] body = bodies.get(i);
                    puts.add(pool.submit(() -> {
                        go.await();
                        return via.put("common/contended", body);
                    }));
                }
                go.countDown();
                for (Future<HttpResponse<byte[]>> put : puts) {
                    assertThat(put.get().statusCode()).isEqualTo(201);
                }
            } finally {
                pool.shutdownNow();
            }
            byte[] seenByOne = one.get("common/contended").body();
            assertThat(two.get("common/contended").body()).isEqualTo(seenByOne);
            assertThat(bodies).anyMatch(body -> java.util.Arrays.equals(body, seenByOne));
            HttpResponse<byte[]> head = two.head("common");
            assertThat(head.headers().firstValue("X-Container-Object-Count")).hasValue("2");
            assertThat(head.headers().firstValue("X-Container-Bytes-Used"))
                    .hasValue(Long.toString("from one".length() + seenByOne.length));
        } finally {
            ObjectStorageTestBase.deleteRecursively(data);
        }
    }

    private static RunningService start(TestDatabase database, Path data) {
        return RunningService.start(ObjectStorageApplication.application().sources(Tokens.class),
                "--cloud.db.url=" + database.jdbcUrl(), "--cloud.object.data-path=" + data,
                "--cloud.identity.url=http://127.0.0.1:9/v3", "--cloud.identity.key-refresh=PT1H");
    }
}
