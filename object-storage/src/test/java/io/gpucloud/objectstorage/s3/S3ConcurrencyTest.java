package io.gpucloud.objectstorage.s3;

import static io.gpucloud.objectstorage.s3.S3TestClient.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Parallel writers of one key, and parallel creators of one bucket name, through the S3 API. */
class S3ConcurrencyTest extends S3TestBase {

    @Test
    void parallelPutsOfOneKeyLeaveExactlyOneOfTheUploads() throws Exception {
        String bucket = createBucket();
        int writers = 8;
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            byte[] body = new byte[256 * 1024 + i];
            new Random(i).nextBytes(body);
            bodies.add(body);
        }
        long filesBefore = settledBodyFiles();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (byte[] body : bodies) {
                results.add(pool.submit(() -> {
                    start.await();
                    return s3.put(path(bucket, "contended"), body).status();
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        byte[] stored = s3.get(path(bucket, "contended")).body();
        assertThat(bodies).anyMatch(body -> Arrays.equals(body, stored));
        awaitBodyFiles(filesBefore + 1, "the replaced uploads' files are gone");
        assertThat(s3.get("/" + bucket).elements("Key")).containsExactly("contended");
    }

    @Test
    void twoProjectsRacingForOneBucketNameCannotBothWin() throws Exception {
        String bucket = bucketName();
        List<S3TestClient> clients = List.of(newClient("p-race-a-" + bucket), newClient("p-race-b-" + bucket),
                newClient("p-race-c-" + bucket), newClient("p-race-d-" + bucket));
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (S3TestClient client : clients) {
                results.add(pool.submit(() -> {
                    start.await();
                    return client.put("/" + bucket, null).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
        } finally {
            pool.shutdownNow();
        }
    }

}
