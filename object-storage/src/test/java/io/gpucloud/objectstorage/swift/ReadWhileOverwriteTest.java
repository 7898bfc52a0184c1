package io.gpucloud.objectstorage.swift;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.objectstorage.ObjectStorageTestBase;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * GETs of one key while other clients overwrite and delete it as fast as they can: every answer must be one
 * whole version, its body matching the ETag and Content-Length it was sent with (and a range the same slice
 * of that version), or a 404 after a delete. Bodies above and below the sendfile threshold, so that both
 * the zero-copy path (Tomcat opens the file by name after the controller returned) and the copy path race.
 */
class ReadWhileOverwriteTest extends ObjectStorageTestBase {

    private static final int RANGE_FIRST = 1_000;
    private static final int RANGE_LAST = 40_000;

    @Test
    void everyReadIsOneWholeVersionWhateverTheWritersDo() throws Exception {
        swift.put("hammer", null);
        Map<String, byte[]> versions = new HashMap<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // 41,000 bytes and up: enough for the range; the first two below the 48 KiB sendfile threshold.
            byte[] body = new byte[41_000 + i * 40_000];
            new Random(i).nextBytes(body);
            bodies.add(body);
            versions.put(md5(body), body);
        }
        swift.put("hammer/key", bodies.get(0));

        long deadline = System.nanoTime() + 4_000_000_000L;
        AtomicInteger whole = new AtomicInteger();
        AtomicInteger ranges = new AtomicInteger();
        AtomicInteger notFound = new AtomicInteger();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(7);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                tasks.add(pool.submit(() -> {
                    for (int n = 0; System.nanoTime() < deadline; n++) {
                        if (writer == 0 && n % 5 == 4) {
                            swift.delete("hammer/key");
                        } else {
                            assertThat(swift.put("hammer/key", bodies.get((n + writer) % bodies.size())).statusCode())
                                    .isEqualTo(201);
                        }
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 4; r++) {
                boolean ranged = r == 3;
                tasks.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        HttpResponse<byte[]> get = ranged
                                ? swift.get("hammer/key", "Range", "bytes=" + RANGE_FIRST + "-" + RANGE_LAST)
                                : swift.get("hammer/key");
                        String problem = check(get, versions, ranged);
                        if (problem != null) {
                            problems.add(problem);
                        } else if (get.statusCode() == 404) {
                            notFound.incrementAndGet();
                        } else {
                            (ranged ? ranges : whole).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(problems).isEmpty();
        assertThat(whole.get()).as("whole reads").isGreaterThan(50);
        assertThat(ranges.get()).as("range reads").isGreaterThan(10);
    }

    /** Null when the response is a whole, consistent version (or a 404); otherwise what is wrong. */
    private static String check(HttpResponse<byte[]> get, Map<String, byte[]> versions, boolean ranged) throws Exception {
        int expectedStatus = ranged ? 206 : 200;
        if (get.statusCode() == 404) {
            return null;
        }
        if (get.statusCode() != expectedStatus) {
            return "status " + get.statusCode();
        }
        String etag = get.headers().firstValue("Etag").orElse("");
        byte[] version = versions.get(etag);
        if (version == null) {
            return "unknown ETag " + etag;
        }
        byte[] expected = ranged ? Arrays.copyOfRange(version, RANGE_FIRST, RANGE_LAST + 1) : version;
        long contentLength = get.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (contentLength != expected.length || !Arrays.equals(get.body(), expected)) {
            return "body of " + get.body().length + " bytes (Content-Length " + contentLength + ") is not version "
                    + etag + (ranged ? " bytes " + RANGE_FIRST + "-" + RANGE_LAST : "");
        }
        return null;
    }

    private static String md5(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    }
}
