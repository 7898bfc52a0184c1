import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for identity's hot paths, against any Keystone v3 endpoint:
 * (a) POST /v3/auth/tokens (password, project scope) and (b) an authenticated GET that makes the
 * service verify the token (GET /v3/auth/tokens validating the caller's own token).
 *
 * Usage: java bench/IdentityLoad.java BASE_URL USER PASSWORD PROJECT CLIENTS REQUESTS_PER_CLIENT
 * e.g.   java bench/IdentityLoad.java http://127.0.0.1:5000 admin "$(cat var/all-in-one/admin-password)" admin 8 200
 */
public class IdentityLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String body = """
                {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s",
                "domain":{"name":"Default"},"password":"%s"}}},"scope":{"project":{"name":"%s",
                "domain":{"name":"Default"}}}}}""".formatted(args[1], args[2], args[3]);
        int clients = Integer.parseInt(args[4]);
        int perClient = Integer.parseInt(args[5]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        String token = issue(http, base, body);
        // Warm-up: JIT, connection pools.
        run("warm-up", clients, Math.max(10, perClient / 10), () -> issue(http, base, body));
        run("issue token (POST /v3/auth/tokens)", clients, perClient, () -> issue(http, base, body));
        run("validate token (GET /v3/auth/tokens)", clients, perClient * 5, () -> validate(http, base, token));
    }

    interface Call {
        Object call() throws Exception;
    }

    static void run(String name, int clients, int perClient, Call call) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    long t0 = System.nanoTime();
                    try {
                        call.call();
                        latencies.add(System.nanoTime() - t0);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%-40s clients=%d requests=%d failures=%d  %.0f req/s  p50=%.1f ms  p99=%.1f ms%n", name,
                clients, sorted.size(), failures.get(), sorted.size() / seconds, percentile(sorted, 50),
                percentile(sorted, 99));
    }

    static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    static String issue(HttpClient http, String base, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v3/auth/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("issue answered " + response.statusCode());
        }
        return response.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    static Object validate(HttpClient http, String base, String token) throws Exception {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v3/auth/tokens"))
                .header("X-Auth-Token", token).header("X-Subject-Token", token).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("validate answered " + response.statusCode());
        }
        return null;
    }
}
