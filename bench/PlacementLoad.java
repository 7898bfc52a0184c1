import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placement benchmark (issue 3), against any Placement-compatible endpoint:
 *   1. registers HOSTS GPU hosts through the API: a root provider (VCPU 128, MEMORY_MB 1 TiB, DISK_GB 8 TiB)
 *      with 8 child providers of PGPU:1 each, 60% of hosts A100 (trait CUSTOM_GPU_NVIDIA_A100_80GB), 40% H100.
 *      Registration is plain API calls (26 per host) from REGISTER_CLIENTS parallel clients over kept-alive
 *      HTTP/1.1 connections; one host's calls are sequential (each names the generation the last one left);
 *   2. (a) latency p50/p99 of GET /allocation_candidates for two A100s on one host (two isolated groups)
 *      with limit=10 and without limit, and for one GPU with limit=10;
 *   3. (b) claims per second with CLIENTS concurrent clients, each doing candidates-then-PUT /allocations,
 *      retrying on 409, and the count of 409s; then checks every claimed provider's usage against its
 *      capacity (zero over-allocation).
 *
 * Usage: java bench/PlacementLoad.java BASE_URL TOKEN HOSTS CLIENTS CLAIMS [SAMPLES [REGISTER_CLIENTS]]
 * e.g.   java bench/PlacementLoad.java http://127.0.0.1:8778 "$TOKEN" 1000 8 4000 200 16
 * Run it against an empty Placement: it creates providers named bench-host-N. With -Dreuse=true it skips
 * registration and measures the hosts a previous run registered (claims made then stay claimed); with
 * -DclaimsOnly=true it skips the latency measurements (a) and only claims; -Dwarmup=N makes N untimed claims first
 * (they stay claimed), so that this program's own JIT is done before the measured ones. With -Dpid=PID (the service's process)
 * the claim phase reports the CPU time per claim of the service, of all processes named postgres and of itself.
 */
public class PlacementLoad {

    static final String VERSION = "placement 1.39";
    static final String A100 = "CUSTOM_GPU_NVIDIA_A100_80GB";
    static final String H100 = "CUSTOM_GPU_NVIDIA_H100_SXM";
    static final Pattern UUIDS = Pattern.compile("\"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\"\\s*:\\s*\\{\"resources\"");
    static final Pattern PGPU_USED = Pattern.compile("\"PGPU\"\\s*:\\s*(\\d+)");

    // HTTP/1.1 on purpose: with HTTP/2 as the default the JDK client offers an h2c upgrade on every new
    // connection, which a plain Placement endpoint declines.
    static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static String token;

    public static void main(String[] args) throws Exception {
        base = args[0];
        token = args[1];
        int hosts = Integer.parseInt(args[2]);
        int clients = Integer.parseInt(args[3]);
        int claims = Integer.parseInt(args[4]);
        int samples = args.length > 5 ? Integer.parseInt(args[5]) : 200;
        int registerClients = args.length > 6 ? Integer.parseInt(args[6]) : 16;

        if (!Boolean.getBoolean("reuse")) {
            long t0 = System.nanoTime();
            register(hosts, registerClients);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("registered %d hosts (%d providers, %d calls) with %d clients in %.1f s: %.0f calls/s%n",
                    hosts, hosts * 9, hosts * 26 + 2, registerClients, seconds, (hosts * 26 + 2) / seconds);
        }

        boolean latencies = !Boolean.getBoolean("claimsOnly");
        String twoA100 = "resources=VCPU:8,MEMORY_MB:65536&resources1=PGPU:1&required1=" + A100
                + "&resources2=PGPU:1&required2=" + A100 + "&group_policy=isolate";
        if (latencies) {
            latency("2 x A100 on one host, limit=10", "/allocation_candidates?" + twoA100 + "&limit=10", samples);
            latency("2 x A100 on one host, no limit", "/allocation_candidates?" + twoA100, Math.max(20, samples / 10));
            latency("1 GPU, limit=10", "/allocation_candidates?resources=PGPU:1&limit=10", samples);
        }

        int warmup = Integer.getInteger("warmup", 0);
        if (warmup > 0) {
            // Untimed claims first, in this JVM: otherwise the generator's own JIT compiles through the measured
            // phase on the same cores (C2 threads were ~15 % of the machine in a 4,000-claim run).
            claim(clients, warmup, false);
        }
        if (claims > 0) {
            claim(clients, claims, true);
        }
    }

    static void register(int hosts, int threads) throws Exception {
        call("PUT", "/traits/" + A100, null, 201, 204);
        call("PUT", "/traits/" + H100, null, 201, 204);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger registered = new AtomicInteger();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int h = next.getAndIncrement(); h < hosts; h = next.getAndIncrement()) {
                    registerHost(h);
                    int n = registered.incrementAndGet();
                    if (n % 1000 == 0) {
                        System.out.printf("    %d hosts registered after %.1f s%n", n, (System.nanoTime() - start) / 1e9);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    static void registerHost(int h) {
        String root = UUID.randomUUID().toString();
        call("POST", "/resource_providers", "{\"name\":\"bench-host-" + h + "\",\"uuid\":\"" + root + "\"}", 200, 201);
        call("PUT", "/resource_providers/" + root + "/inventories", "{\"resource_provider_generation\":0,"
                + "\"inventories\":{\"VCPU\":{\"total\":128},\"MEMORY_MB\":{\"total\":1048576},"
                + "\"DISK_GB\":{\"total\":8192}}}", 200);
        String trait = h % 10 < 6 ? A100 : H100;
        for (int g = 0; g < 8; g++) {
            String gpu = UUID.randomUUID().toString();
            call("POST", "/resource_providers", "{\"name\":\"bench-host-" + h + "-gpu-" + g + "\",\"uuid\":\""
                    + gpu + "\",\"parent_provider_uuid\":\"" + root + "\"}", 200, 201);
            call("PUT", "/resource_providers/" + gpu + "/inventories", "{\"resource_provider_generation\":0,"
                    + "\"inventories\":{\"PGPU\":{\"total\":1}}}", 200);
            call("PUT", "/resource_providers/" + gpu + "/traits", "{\"resource_provider_generation\":1,"
                    + "\"traits\":[\"" + trait + "\"]}", 200);
        }
    }

    static void latency(String name, String path, int samples) throws Exception {
        for (int i = 0; i < Math.min(20, samples); i++) {
            call("GET", path, null, 200);
        }
        List<Long> nanos = new ArrayList<>();
        int candidates = 0;
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            Response response = call("GET", path, null, 200);
            nanos.add(System.nanoTime() - t);
            candidates = count(response.body(), "\"allocations\"");
        }
        Collections.sort(nanos);
        System.out.printf("(a) %-32s p50 %7.2f ms  p99 %7.2f ms  (%d candidates, %d samples)%n", name,
                pct(nanos, 50), pct(nanos, 99), candidates, samples);
    }

    /** CLIENTS threads claim until CLAIMS succeeded; with {@code report} it prints the figures and checks the usages. */
    static void claim(int clients, int claims, boolean report) throws Exception {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger noCandidates = new AtomicInteger();
        Map<String, AtomicInteger> claimedPerProvider = new ConcurrentHashMap<>();
        List<Long> claimNanos = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        double[] cpuBefore = cpuNow();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                while (done.get() < claims) {
                    long t = System.nanoTime();
                    Response candidates = call("GET", "/allocation_candidates?resources=PGPU:1&limit=10", null, 200);
                    List<String> providers = new ArrayList<>();
                    // Only the allocation requests: provider summaries list every provider of the trees used.
                    String body = candidates.body();
                    int summaries = body.indexOf("\"provider_summaries\"");
                    Matcher m = UUIDS.matcher(summaries < 0 ? body : body.substring(0, summaries));
                    while (m.find()) {
                        providers.add(m.group(1));
                    }
                    if (providers.isEmpty()) {
                        noCandidates.incrementAndGet();
                        return null;
                    }
                    String provider = providers.get(ThreadLocalRandom.current().nextInt(providers.size()));
                    Response put = send("PUT", "/allocations/" + UUID.randomUUID(), "{\"allocations\":{\""
                            + provider + "\":{\"resources\":{\"PGPU\":1}}},\"project_id\":\"bench\",\"user_id\":\"bench\","
                            + "\"consumer_generation\":null,\"consumer_type\":\"INSTANCE\"}");
                    if (put.statusCode() == 204) {
                        done.incrementAndGet();
                        claimNanos.add(System.nanoTime() - t);
                        claimedPerProvider.computeIfAbsent(provider, p -> new AtomicInteger()).incrementAndGet();
                    } else if (put.statusCode() == 409) {
                        conflicts.incrementAndGet();
                    } else {
                        throw new IllegalStateException("claim answered " + put.statusCode() + ": " + put.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] cpuAfter = cpuNow();
        if (!report) {
            pool.shutdown();
            System.out.printf("warm-up: %d claims in %.2f s, %d conflicts (409), %d found no candidate%n", done.get(),
                    seconds, conflicts.get(), noCandidates.get());
            return;
        }
        List<Long> sorted = new ArrayList<>(claimNanos);
        Collections.sort(sorted);
        System.out.printf("(b) %d claims by %d clients in %.2f s: %.0f claims/s, %d conflicts (409), %d found no candidate;"
                        + " candidates+claim p50 %.1f ms p99 %.1f ms%n",
                done.get(), clients, seconds, done.get() / seconds, conflicts.get(), noCandidates.get(),
                pct(sorted, 50), pct(sorted, 99));
        int n = Math.max(1, done.get());
        System.out.printf("    CPU per claim: service %.2f ms%s, PostgreSQL (all its processes) %.2f ms, generator %.2f ms;"
                        + " load %s%n", (cpuAfter[0] - cpuBefore[0]) * 1000 / n,
                System.getProperty("pid") == null ? " (give -Dpid=PID)" : "", (cpuAfter[1] - cpuBefore[1]) * 1000 / n,
                (cpuAfter[2] - cpuBefore[2]) * 1000 / n, load());

        // Over-allocation, from the usages afterwards: no claimed GPU may show more than its one unit.
        AtomicInteger over = new AtomicInteger();
        List<Future<?>> checks = new ArrayList<>();
        for (var entry : claimedPerProvider.entrySet()) {
            checks.add(pool.submit(() -> {
                String usages = call("GET", "/resource_providers/" + entry.getKey() + "/usages", null, 200).body();
                Matcher m = PGPU_USED.matcher(usages);
                int used = m.find() ? Integer.parseInt(m.group(1)) : 0;
                if (used > 1 || entry.getValue().get() > 1) {
                    over.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : checks) {
            f.get();
        }
        pool.shutdown();
        String total = call("GET", "/usages?project_id=bench", null, 200).body();
        System.out.printf("    over-allocated providers: %d of %d claimed; project usage %s%n", over.get(),
                claimedPerProvider.size(), total);
    }

    // cpu, postgresCpu and load are ObjectLoad's: each benchmark is one source file run by `java File.java`, which
    // (Java 17) cannot compile a second file, so they cannot share a class.

    /** CPU seconds so far of the service (-Dpid), of every process named postgres, and of this generator. */
    static double[] cpuNow() {
        String pid = System.getProperty("pid");
        return new double[] {pid == null ? 0 : cpu(pid), postgresCpu(), cpu(String.valueOf(ProcessHandle.current().pid()))};
    }

    /** CPU seconds (user + system) a process has used so far, from /proc/PID/stat; 0 when unknown. */
    static double cpu(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (Exception e) {
            return 0;
        }
    }

    /** CPU seconds used so far by the live processes named postgres (other clients' work included). */
    static double postgresCpu() {
        double sum = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) processes::iterator) {
                String name = p.getFileName().toString();
                try {
                    if (name.chars().allMatch(Character::isDigit)
                            && Files.readString(p.resolve("comm")).trim().equals("postgres")) {
                        sum += cpu(name);
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;  // nothing was measured (e.g. no candidate left): printed as NaN, not a crash
        }
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    static Response call(String method, String path, String body, int... expected) {
        Response response = send(method, path, body);
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }

    /** A status and a body: what this benchmark reads of an answer. */
    record Response(int statusCode, String body) {
    }

    static final boolean JDK_CLIENT = "jdk".equals(System.getProperty("client"));
    static final ThreadLocal<PlainHttp> CONNECTIONS = ThreadLocal.withInitial(PlainHttp::new);

    static Response send(String method, String path, String body) {
        if (!JDK_CLIENT) {
            return CONNECTIONS.get().exchange(method, path, body);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("X-Auth-Token", token)
                .header("OpenStack-API-Version", VERSION)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    /**
     * A minimal HTTP/1.1 client: one kept-alive socket per client thread, requests written whole, answers read by
     * Content-Length or chunked encoding. The JDK HttpClient costs this benchmark's process ~3 ms of CPU per claim
     * (its asynchronous machinery on every exchange), more than the server's own work, on the same two cores; this
     * costs a fraction of that. -Dclient=jdk uses the JDK client instead.
     */
    static final class PlainHttp {
        private java.net.Socket socket;
        private java.io.BufferedInputStream in;
        private java.io.OutputStream out;

        Response exchange(String method, String path, String body) {
            for (int attempt = 0; ; attempt++) {
                try {
                    if (socket == null) {
                        connect();
                    }
                    return exchangeOnce(method, path, body);
                } catch (IOException e) {
                    close();
                    if (attempt > 0) {
                        throw new IllegalStateException(method + " " + path, e);
                    }
                    // The server closed an idle kept-alive connection: once more on a new one.
                }
            }
        }

        private void connect() throws IOException {
            URI uri = URI.create(base);
            socket = new java.net.Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 8192);
        }

        private void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException e) {
                // gone anyway
            }
            socket = null;
        }

        private Response exchangeOnce(String method, String path, String body) throws IOException {
            URI uri = URI.create(base);
            byte[] content = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(uri.getRawPath())
                    .append(path).append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(uri.getPort())
                    .append("\r\nX-Auth-Token: ").append(token).append("\r\nOpenStack-API-Version: ").append(VERSION)
                    .append("\r\nAccept: application/json\r\nContent-Length: ").append(content.length);
            if (body != null) {
                head.append("\r\nContent-Type: application/json");
            }
            head.append("\r\n\r\n");
            out.write(head.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();

            String status = line();
            if (status.isEmpty()) {
                throw new IOException("connection closed");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.equalsIgnoreCase("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    closes = value.equalsIgnoreCase("close");
                }
            }
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream(chunked ? 32768 : (int) Math.max(0, length));
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    answer.write(in.readNBytes(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                answer.write(in.readNBytes((int) length));
            } else if (length < 0 && code != 204 && code != 304) {
                answer.write(in.readAllBytes());
                closes = true;
            }
            if (closes) {
                close();
            }
            return new Response(code, answer.toString(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** One header line without its CRLF; empty at the end of the headers (or of the stream). */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (c == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) c);
            }
            if (line.length() == 0) {
                return "";
            }
            throw new IOException("connection closed mid-line");
        }
    }
}
