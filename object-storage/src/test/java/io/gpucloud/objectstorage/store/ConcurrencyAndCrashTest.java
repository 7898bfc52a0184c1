package io.gpucloud.objectstorage.store;

import static io.gpucloud.objectstorage.SwiftClient.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.objectstorage.ObjectStorageTestBase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What concurrent writers, broken uploads and crashes leave behind: exactly one version, never a torn one,
 * and no file that the collector does not eventually remove.
 */
class ConcurrencyAndCrashTest extends ObjectStorageTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    GarbageCollector collector;

    @Autowired
    ObjectService objects;

    @Autowired
    UsageFolder folder;

    @Autowired
    ContainerRepository containers;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void countsStayExactWhileWritersOfOneContainerRunAndTheirDeltasAreFolded() throws Exception {
        swift.put("tally", null);
        long bodiesBefore = settledBodyFiles();
        int writers = 8;
        int rounds = 40;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<?> folding = pool.submit(() -> {
                while (writing.get()) {
                    folder.fold();
                    Thread.sleep(3);
                }
                return null;
            });
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Random random = new Random(w);
                work.add(pool.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        String key = "tally/k" + random.nextInt(12);
                        if (random.nextInt(10) < 7) {
                            assertThat(swift.put(key, new byte[random.nextInt(3000)]).statusCode()).isEqualTo(201);
                        } else {
                            assertThat(swift.delete(key).statusCode()).isIn(204, 404);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : work) {
                writer.get();
            }
            writing.set(false);
            folding.get();
        } finally {
            pool.shutdownNow();
        }

        int stored = assertCountsMatchTheListing("tally");
        folder.fold();
        assertCountsMatchTheListing("tally");
        assertThat(folder.fold()).as("nothing left after a fold").isZero();
        awaitBodyFiles(bodiesBefore + stored, "one file per stored object: replaced and deleted versions' files go");
    }

    @Test
    void anUploadThatLosesTheRaceWithItsContainersDeletionIsA404AndLeavesNothing() throws Exception {
        swift.put("doomed", null);
        String project = swift.account().substring("AUTH_".length());
        long bodiesBefore = settledBodyFiles();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // The deletion locks the container first; the upload looks the container up (no lock), and its insert
            // then waits for the deletion's lock, to find the container gone once it may go on.
            Future<?> deletion = pool.submit(() -> transactions.executeWithoutResult(status -> {
                Container doomed = containers.lockForDelete(project, "doomed").orElseThrow();
                locked.countDown();
                try {
                    proceed.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                containers.delete(doomed.id());
            }));
            locked.await();
            Future<HttpResponse<byte[]>> upload = pool.submit(() -> swift.put("doomed/late.bin", "too late".getBytes(UTF_8)));
            Awaitility.await("the upload waits for the deletion's lock").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20)).until(this::backendsWaitingForALock, waiting -> waiting > 0);
            proceed.countDown();
            deletion.get(10, TimeUnit.SECONDS);

            HttpResponse<byte[]> response = upload.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(text(response)).contains("doomed");
        } finally {
            pool.shutdownNow();
        }
        assertThat(swift.head("doomed").statusCode()).isEqualTo(404);
        assertThat(bodyFiles()).as("the late upload's file is removed").isEqualTo(bodiesBefore);
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aContainerIsEmptyForDeletionAsSoonAsItsLastObjectIsDeletedWhateverTheCountsSay() {
        swift.put("brief", null);
        long bodiesBefore = settledBodyFiles();
        swift.put("brief/only", "x".getBytes(UTF_8));
        assertThat(swift.delete("brief").statusCode()).isEqualTo(409);
        assertThat(swift.delete("brief/only").statusCode()).isEqualTo(204);
        // No fold between: the container's row still counts the object, its deltas cancel it out.
        assertThat(swift.head("brief").headers().firstValue("X-Container-Object-Count")).hasValue("0");
        assertThat(swift.delete("brief").statusCode()).isEqualTo(204);
        assertThat(swift.head("brief").statusCode()).isEqualTo(404);
        awaitBodyFiles(bodiesBefore, "the deleted object's file goes");
    }

    private long backendsWaitingForALock() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .query(Long.class).single();
    }

    /** The container's and the account's counts against what the listing holds; returns the object count. */
    private int assertCountsMatchTheListing(String container) throws Exception {
        JsonNode listing = JSON.readTree(swift.get(container + "?format=json").body());
        long bytes = 0;
        for (JsonNode entry : listing) {
            bytes += entry.path("bytes").asLong();
        }
        HttpResponse<byte[]> head = swift.head(container);
        assertThat(head.headers().firstValue("X-Container-Object-Count")).hasValue(Integer.toString(listing.size()));
        assertThat(head.headers().firstValue("X-Container-Bytes-Used")).hasValue(Long.toString(bytes));
        HttpResponse<byte[]> account = swift.head("");
        assertThat(account.headers().firstValue("X-Account-Object-Count")).hasValue(Integer.toString(listing.size()));
        assertThat(account.headers().firstValue("X-Account-Bytes-Used")).hasValue(Long.toString(bytes));
        return listing.size();
    }

    @Test
    void parallelUploadsOfOneKeyLeaveExactlyOneOfThemWhole() throws Exception {
        swift.put("race", null);
        int writers = 8;
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            byte[] body = new byte[256 * 1024 + i];
            new Random(i).nextBytes(body);
            bodies.add(body);
        }
        long bodiesBefore = settledBodyFiles();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<HttpResponse<byte[]>>> puts = new ArrayList<>();
            for (byte[] body : bodies) {
                puts.add(pool.submit(() -> {
                    start.await();
                    return swift.put("race/model.bin", body);
                }));
            }
            start.countDown();
            for (Future<HttpResponse<byte[]>> put : puts) {
                assertThat(put.get().statusCode()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }

        HttpResponse<byte[]> get = swift.get("race/model.bin");
        byte[] winner = bodies.stream().filter(body -> java.util.Arrays.equals(body, get.body())).findFirst().orElse(null);
        assertThat(winner).as("the stored object is one of the uploads, byte for byte").isNotNull();
        assertThat(get.headers().firstValue("Etag")).hasValue(md5(winner));
        HttpResponse<byte[]> container = swift.head("race");
        assertThat(container.headers().firstValue("X-Container-Object-Count")).hasValue("1");
        assertThat(container.headers().firstValue("X-Container-Bytes-Used")).hasValue(Integer.toString(winner.length));
        awaitBodyFiles(bodiesBefore + 1, "the losers' files are removed");
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void anUploadCutOffMidwayLeavesThePreviousVersionAndNoFile() throws Exception {
        swift.put("cut", null);
        swift.put("cut/weights", "version 1".getBytes(UTF_8));
        long bodiesBefore = settledBodyFiles();

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /v1/" + swift.account() + "/cut/weights HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: "
                    + swift.token() + "\r\nContent-Length: 10000000\r\n\r\n").getBytes(UTF_8));
            out.write(new byte[1_000_000]);
            out.flush();
        }
        awaitNoTemporaryFiles();

        assertThat(text(swift.get("cut/weights"))).isEqualTo("version 1");
        assertThat(swift.head("cut").headers().firstValue("X-Container-Object-Count")).hasValue("1");
        assertThat(bodyFiles()).isEqualTo(bodiesBefore);
    }

    @Test
    void theCollectorRemovesWhatACrashLeftAndNothingElse() throws Exception {
        swift.put("gc", null);
        swift.put("gc/kept", "still here".getBytes(UTF_8));
        Path kept = bodyFile(objects.require(swift.account().substring(5), "gc", "kept").dataId());
        Instant longAgo = Instant.now().minus(Duration.ofDays(1));

        // A crash during an upload leaves its temporary file; one between rename and commit, a body without a row.
        Path staleUpload = Files.writeString(DATA.resolve("tmp").resolve(UUID.randomUUID().toString()), "partial");
        UUID orphan = UUID.randomUUID();
        Path staleBody = Files.writeString(Files.createDirectories(bodyFile(orphan).getParent()).resolve(orphan.toString()), "x");
        UUID young = UUID.randomUUID();
        Path youngBody = Files.writeString(Files.createDirectories(bodyFile(young).getParent()).resolve(young.toString()), "y");
        Path freshUpload = Files.writeString(DATA.resolve("tmp").resolve(UUID.randomUUID().toString()), "in progress");
        for (Path old : List.of(staleUpload, staleBody, kept)) {
            Files.setLastModifiedTime(old, FileTime.from(longAgo));
        }

        GarbageCollector.Result result = collector.collect();

        assertThat(staleUpload).doesNotExist();
        assertThat(staleBody).doesNotExist();
        assertThat(kept).as("a body a row names is never removed, however old").exists();
        assertThat(youngBody).as("too young: it may be about to be committed").exists();
        assertThat(freshUpload).as("an upload in progress").exists();
        assertThat(result.temporaryFiles()).isGreaterThanOrEqualTo(1);
        assertThat(result.orphanedBodies()).isGreaterThanOrEqualTo(1);
        assertThat(text(swift.get("gc/kept"))).isEqualTo("still here");
        Files.delete(youngBody);
        Files.delete(freshUpload);
    }

    private static Path bodyFile(UUID id) {
        return DATA.resolve(id.toString().substring(0, 2)).resolve(id.toString());
    }


    private static List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(DATA.resolve("tmp"))) {
            return files.toList();
        }
    }

    /** The server notices the dropped connection on its next read; wait for it, boundedly. */
    private static void awaitNoTemporaryFiles() throws Exception {
        for (int i = 0; i < 300 && !temporaryFiles().isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(temporaryFiles()).isEmpty();
    }

    private static String md5(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    }
}
