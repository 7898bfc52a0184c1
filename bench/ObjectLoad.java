import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Object-storage benchmark (issue 6), over the Swift v1 API with a token (X-Auth-Token):
 *   1. disk: the raw sequential rate of the file system under DISK (the service's data path): writes a
 *      1 GiB file (1 MiB writes, one fsync at the end, timed together), drops the page cache
 *      (/proc/sys/vm/drop_caches, needs root; said so when it fails), reads it back (1 MiB reads), deletes it;
 *   2. objects, for each COUNTxSIZE (default 1000x64K,200x1M,4x256M): CLIENTS concurrent clients PUT the
 *      objects into a fresh container, then GET them back (cold: page cache dropped first, when possible;
 *      then warm): objects/s, MiB/s, p50/p99 latency of a whole request (body sent / read completely);
 *      then the disk rates of 1. once more (a virtual disk's read rate after drop_caches moves with the host's cache);
 *   3. list: 10,000 keys train/class-NNNN/img-NNNNNN.jpg (100 classes x 100), then 100 sequential listings
 *      each of prefix=train/class-0042/&delimiter=/, delimiter=/ (top level) and prefix=train/&delimiter=/.
 * Correctness: each object's content is deterministic per key (64 KiB chunks taken from a random pool at
 * offsets hashed from key and chunk number, so no two chunks of an object repeat); its MD5 is computed
 * before the timed PUT and sent as ETag (the service checks it, 422 otherwise); every PUT's and GET's Etag
 * must equal it, and every GET body is compared byte for byte with the content while it streams in.
 * Memory: with -Dpid=PID (the service's process) a sampler reads VmRSS from /proc/PID/status and the heap
 * in use from /actuator/prometheus every 250 ms; each phase reports the start and the maximum, and
 * `jcmd PID GC.heap_info` is printed after each object phase.
 *
 * Usage: java [-Dpid=PID] [-Ddisk=DIR] [-Dsizes=1000x64K,200x1M,4x256M] [-Dphases=disk,objects,list]
 *             [-DdropCaches=true] [-Dcleanup=true] bench/ObjectLoad.java BASE_URL TOKEN ACCOUNT [CLIENTS]
 * e.g.   java -Dpid=$(cat run/pid) -Ddisk=run/data bench/ObjectLoad.java http://127.0.0.1:18080 "$TOKEN" AUTH_bench 8
 */
public class ObjectLoad {

    static final int CHUNK = 64 * 1024;
    static final int POOL = 16 * 1024 * 1024;
    static final byte[] pool = new byte[POOL + CHUNK];

    /**
     * Object PUTs and GETs go through {@link PlainHttp} unless -Dclient=jdk: the JDK HttpClient cost this process
     * more CPU per small PUT than the service itself (its asynchronous machinery on every exchange, and a copy of
     * each body chunk), on the same two cores.
     */
    static final boolean PLAIN = !"jdk".equals(System.getProperty("client"));

    // HTTP/1.1: the JDK client would otherwise offer an h2c upgrade on every new connection.
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static String token;
    static String account;
    static int clients;
    static final String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
    static final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    static final AtomicInteger errorCount = new AtomicInteger();
    static Sampler sampler;
    static boolean quiet;

    public static void main(String[] args) throws Exception {
        base = args[0];
        token = args[1];
        account = args[2];
        clients = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        new SplittableRandom(6).nextBytes(pool);
        String pid = System.getProperty("pid");
        if (pid != null) {
            sampler = new Sampler(pid);
            sampler.start();
        }
        List<String> phases = List.of(System.getProperty("phases", "disk,objects,list").split(","));
        System.out.printf("run %s, %d clients, %s, load %s%n", run, clients, base, load());

        if (phases.contains("disk")) {
            disk(Path.of(System.getProperty("disk", ".")), Long.parseLong(System.getProperty("diskMiB", "1024")), "");
        }
        if (phases.contains("objects")) {
            // Untimed warm-up (JIT, connections): PUT and GET of WARMUP 64 KiB objects.
            int warmup = Integer.getInteger("warmup", 300);
            if (warmup > 0) {
                quiet = true;
                objects(warmup, CHUNK, "warmup");
                quiet = false;
            }
            for (String spec : System.getProperty("sizes", "1000x64K,200x1M,4x256M").split(",")) {
                String[] p = spec.split("x");
                objects(Integer.parseInt(p[0]), bytes(p[1]), p[1]);
            }
        }
        if (phases.contains("disk") && phases.contains("objects")) {
            // Again, since a virtual disk's read rate after drop_caches moves with the host's cache.
            disk(Path.of(System.getProperty("disk", ".")), Long.parseLong(System.getProperty("diskMiB", "1024")),
                    " (after the objects)");
        }
        if (phases.contains("list")) {
            list();
        }
        System.out.printf("done: %d errors%n", errorCount.get());
        errors.stream().limit(20).forEach(e -> System.out.println("  error: " + e));
        System.exit(errorCount.get() == 0 ? 0 : 1);
    }

    // ---- raw disk ----

    static void disk(Path dir, long mib, String when) throws Exception {
        Path file = dir.resolve("disk-test-" + run + ".bin");
        String before = load();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        long t0 = System.nanoTime();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long i = 0; i < mib; i++) {
                buffer.clear();
                buffer.put(pool, (int) ((i * 1_048_583) % (POOL - (1 << 20))), 1 << 20).flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            out.force(true);
        }
        double write = (System.nanoTime() - t0) / 1e9;
        String dropped = dropCaches();
        long t1 = System.nanoTime();
        long read = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int n; (buffer.clear() != null) && (n = in.read(buffer)) > 0; ) {
                read += n;
            }
        }
        double readSeconds = (System.nanoTime() - t1) / 1e9;
        Files.delete(file);
        System.out.printf("disk %s%s: write %d MiB (1 MiB writes + fsync) %.2f s = %.0f MiB/s; read back (%s) %.2f s = %.0f MiB/s;"
                + " load %s -> %s%n", dir, when, mib, write, mib / write, dropped, readSeconds, read / 1048576.0 / readSeconds,
                before, load());
    }

    static String dropCaches() {
        if (!Boolean.parseBoolean(System.getProperty("dropCaches", "true"))) {
            return "page cache not dropped";
        }
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
            return "page cache dropped";
        } catch (Exception e) {
            return "page cache NOT dropped: " + e;
        }
    }

    // ---- object PUT / GET ----

    static void objects(int count, long size, String label) throws Exception {
        String container = "bench-" + label.toLowerCase(Locale.ROOT) + "-" + run;
        call("PUT", "/" + container, HttpRequest.BodyPublishers.noBody(), 201);
        String[] etags = new String[count];
        parallel(count, i -> () -> {
            etags[i] = md5(key(i), size);
            return true;
        });

        Stats put = timed("PUT  " + count + " x " + label, count, size, i -> () -> {
            String key = key(i);
            if (PLAIN) {
                PlainHttp.Answer answer = PlainHttp.current().exchange("PUT", path(container + "/" + key),
                        "ETag: " + etags[i] + "\r\nContent-Type: application/octet-stream\r\n", size,
                        out -> writeContent(key, size, out));
                String body = answer.text();
                if (answer.status() != 201) {
                    return error("PUT " + key + " -> " + answer.status() + " " + body);
                }
                return check("PUT " + key, etags[i], answer.etag());
            }
            HttpRequest request = request("PUT", "/" + container + "/" + key)
                    .header("ETag", etags[i]).header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(
                            () -> chunks(key, size)), size)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                return error("PUT " + key + " -> " + response.statusCode() + " " + response.body());
            }
            return check("PUT " + key, etags[i], response.headers().firstValue("Etag").orElse(null));
        });
        heapInfo();
        String dropped = quiet ? "warm-up" : dropCaches();
        for (String pass : List.of("cold", "warm")) {
            timed("GET  " + count + " x " + label + " (" + (pass.equals("cold") ? dropped : "warm cache") + ")", count, size, i -> () -> {
                String key = key(i);
                if (PLAIN) {
                    PlainHttp.Answer answer = PlainHttp.current().exchange("GET", path(container + "/" + key), "", 0, null);
                    if (answer.status() != 200) {
                        return error("GET " + key + " -> " + answer.status() + " " + answer.text());
                    }
                    String mismatch = verify(key, size, answer.body());
                    answer.text(); // drains what verify left (nothing, when the length is right)
                    if (mismatch != null) {
                        return error("GET " + key + ": " + mismatch);
                    }
                    return check("GET " + key, etags[i], answer.etag());
                }
                HttpResponse<InputStream> response = http.send(request("GET", "/" + container + "/" + key).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        return error("GET " + key + " -> " + response.statusCode() + " " + new String(body.readAllBytes()));
                    }
                    String mismatch = verify(key, size, body);
                    if (mismatch != null) {
                        return error("GET " + key + ": " + mismatch);
                    }
                }
                return check("GET " + key, etags[i], response.headers().firstValue("Etag").orElse(null));
            });
        }
        heapInfo();
        if (quiet || Boolean.getBoolean("cleanup")) {
            parallel(count, i -> () -> call("DELETE", "/" + container + "/" + key(i), null, 204) != null);
            call("DELETE", "/" + container, HttpRequest.BodyPublishers.noBody(), 204);
        }
    }

    static String key(int i) {
        return String.format("obj-%06d", i);
    }

    /** Offset in the pool of chunk {@code chunk} of {@code key}'s content. */
    static int offset(String key, long chunk) {
        long z = key.hashCode() * 0x9E3779B97F4A7C15L + chunk * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) Math.floorMod(z ^ (z >>> 31), (long) POOL);
    }

    static Iterator<byte[]> chunks(String key, long size) {
        return new Iterator<>() {
            long position;

            public boolean hasNext() {
                return position < size;
            }

            public byte[] next() {
                int length = (int) Math.min(CHUNK, size - position);
                int from = offset(key, position / CHUNK);
                position += length;
                return java.util.Arrays.copyOfRange(pool, from, from + length);
            }
        };
    }

    /** Writes the key's content straight from the pool (no copies). */
    static void writeContent(String key, long size, java.io.OutputStream out) throws IOException {
        for (long position = 0; position < size; position += CHUNK) {
            out.write(pool, offset(key, position / CHUNK), (int) Math.min(CHUNK, size - position));
        }
    }

    static String md5(String key, long size) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (long position = 0; position < size; position += CHUNK) {
            md5.update(pool, offset(key, position / CHUNK), (int) Math.min(CHUNK, size - position));
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** Compares a streamed body with the key's content; null when equal. */
    static String verify(String key, long size, InputStream body) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long position = 0;
        for (int n; (n = body.read(buffer)) > 0; ) {
            for (int done = 0; done < n; ) {
                if (position >= size) {
                    return "more than " + size + " bytes";
                }
                int within = (int) (position % CHUNK);
                int length = (int) Math.min(Math.min(n - done, CHUNK - within), size - position);
                int from = offset(key, position / CHUNK) + within;
                int at = java.util.Arrays.mismatch(buffer, done, done + length, pool, from, from + length);
                if (at >= 0) {
                    return "wrong byte at offset " + (position + at);
                }
                done += length;
                position += length;
            }
        }
        return position == size ? null : "only " + position + " of " + size + " bytes";
    }

    static boolean check(String what, String expected, String etag) {
        return etag != null && etag.replace("\"", "").equals(expected) || error(what + ": Etag " + etag + ", expected " + expected);
    }

    static boolean error(String message) {
        errorCount.incrementAndGet();
        errors.add(message);
        return false;
    }

    // ---- listing ----

    static void list() throws Exception {
        String container = "bench-list-" + run;
        call("PUT", "/" + container, HttpRequest.BodyPublishers.noBody(), 201);
        int keys = Integer.getInteger("listKeys", 10_000);
        byte[] small = "x".getBytes();
        timed("PUT  " + keys + " listing keys (1 byte each)", keys, 1, i -> () -> {
            String key = String.format("train/class-%04d/img-%06d.jpg", i / 100, i);
            if (PLAIN) {
                PlainHttp.Answer answer = PlainHttp.current().exchange("PUT", path(container + "/" + key), "",
                        small.length, out -> out.write(small));
                String body = answer.text();
                return answer.status() == 201 || error("PUT " + key + " -> " + answer.status() + " " + body);
            }
            return call("PUT", "/" + container + "/" + key, HttpRequest.BodyPublishers.ofByteArray(small), 201) != null;
        });
        int samples = Integer.getInteger("listSamples", 100);
        listing(container, "prefix=train/class-0042/&delimiter=/", samples, Math.max(0, Math.min(100, keys - 4200)), "\"name\"");
        listing(container, "delimiter=/", samples, 1, "\"subdir\"");
        listing(container, "prefix=train/&delimiter=/", samples, Math.min(100, (keys + 99) / 100), "\"subdir\"");
    }

    static void listing(String container, String query, int samples, int expected, String entry) throws Exception {
        String path = "/" + container + "?format=json&" + query;
        for (int i = 0; i < 10; i++) {
            call("GET", path, null, 200);
        }
        String before = load();
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            String body = call("GET", path, null, 200);
            nanos.add(System.nanoTime() - t);
            int found = count(body == null ? "" : body, entry);
            if (found != expected) {
                error("LIST " + query + ": " + found + " entries " + entry + ", expected " + expected);
            }
        }
        Collections.sort(nanos);
        System.out.printf("LIST %-40s p50 %6.2f ms  p99 %6.2f ms  (%d entries, %d listings; load %s -> %s)%n", query,
                pct(nanos, 50), pct(nanos, 99), expected, samples, before, load());
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    // ---- plumbing ----

    interface Task {
        boolean run() throws Exception;
    }

    record Stats(double seconds, List<Long> nanos) {
    }

    /** Runs count tasks on CLIENTS threads and prints throughput, latency, load and memory. */
    static Stats timed(String name, int count, long size, IntFunction<Task> task) throws Exception {
        String before = load();
        if (sampler != null) {
            sampler.reset();
        }
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        String pid = System.getProperty("pid");
        double cpuService = cpu(pid), cpuSelf = cpu("self"), cpuDatabase = postgresCpu();
        long start = System.nanoTime();
        parallel(count, i -> () -> {
            long t = System.nanoTime();
            boolean ok = task.apply(i).run();
            nanos.add(System.nanoTime() - t);
            return ok;
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (!quiet) System.out.printf("%-58s %8.1f obj/s %8.1f MiB/s  p50 %8.2f ms  p99 %8.2f ms  (%.2f s; load %s -> %s)%n"
                        + "      CPU: service %.1f s, PostgreSQL (all its processes) %.1f s, generator %.1f s%s%n", name,
                count / seconds, count * size / 1048576.0 / seconds, pct(sorted, 50), pct(sorted, 99), seconds,
                before, load(), cpu(pid) - cpuService, postgresCpu() - cpuDatabase, cpu("self") - cpuSelf,
                sampler == null ? "" : "; " + sampler.summary());
        return new Stats(seconds, sorted);
    }

    static void parallel(int count, IntFunction<Task> task) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(threads.submit(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        try {
                            task.apply(i).run();
                        } catch (Exception e) {
                            PlainHttp.discard();
                            error("task " + i + ": " + e);
                        }
                    }
                } finally {
                    PlainHttp.discard();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        threads.shutdown();
    }

    /** The request path of an account-relative path (container or container/key; keys here need no escaping). */
    static String path(String relative) {
        return URI.create(base).getRawPath() + "/v1/" + account + "/" + relative;
    }

    static HttpRequest.Builder request(String method, String path) {
        return HttpRequest.newBuilder(URI.create(base + "/v1/" + account + path)).header("X-Auth-Token", token)
                .timeout(Duration.ofMinutes(10));
    }

    /** A call whose answer must be one of the statuses; its body, or null after recording an error. */
    static String call(String method, String path, HttpRequest.BodyPublisher body, int... statuses) throws Exception {
        HttpRequest request = request(method, path).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return response.body();
            }
        }
        error(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        return null;
    }

    static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    static long bytes(String size) {
        char unit = Character.toUpperCase(size.charAt(size.length() - 1));
        long n = Long.parseLong(size.replaceAll("[^0-9]", ""));
        return unit == 'K' ? n << 10 : unit == 'M' ? n << 20 : unit == 'G' ? n << 30 : n;
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

    static void heapInfo() {
        String pid = System.getProperty("pid");
        if (pid == null || quiet) {
            return;
        }
        try {
            Process p = new ProcessBuilder("jcmd", pid, "GC.heap_info").redirectErrorStream(true).start();
            for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
                if (line.contains("total") && line.contains("used")) {
                    System.out.println("      jcmd GC.heap_info: " + line.trim());
                }
            }
            p.waitFor();
        } catch (Exception e) {
            System.out.println("      jcmd GC.heap_info failed: " + e);
        }
    }

    /**
     * A minimal blocking HTTP/1.1 client: one kept-alive socket per client thread, the request head written in one
     * piece and the body streamed by the caller, the answer's body read by Content-Length (or chunked, for
     * error pages) as a stream the caller consumes. Only what this benchmark needs: no redirects, no 100-continue.
     */
    static final class PlainHttp {
        interface BodyWriter {
            void write(java.io.OutputStream out) throws IOException;
        }

        private static final ThreadLocal<PlainHttp> CURRENT = new ThreadLocal<>();
        private java.net.Socket socket;
        private java.io.BufferedInputStream in;
        private java.io.OutputStream out;
        private boolean reused;

        static PlainHttp current() {
            PlainHttp client = CURRENT.get();
            if (client == null) {
                client = new PlainHttp();
                CURRENT.set(client);
            }
            return client;
        }

        /** Closes this thread's connection (after a failure, or when the thread is done). */
        static void discard() {
            PlainHttp client = CURRENT.get();
            if (client != null) {
                client.close();
                CURRENT.remove();
            }
        }

        /**
         * The answer of one exchange; its body must be read (or drained by text()) before the next exchange. A
         * connection the server closes after it is closed by text().
         */
        record Answer(PlainHttp connection, int status, String etag, InputStream body, boolean closes) {
            String text() throws IOException {
                String text = new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (closes) {
                    connection.close();
                }
                return text;
            }
        }

        Answer exchange(String method, String path, String headers, long length, BodyWriter body) throws IOException {
            for (int attempt = 0; ; attempt++) {
                if (socket == null) {
                    connect();
                }
                boolean wasReused = reused;
                try {
                    return exchangeOnce(method, path, headers, length, body);
                } catch (IOException e) {
                    close();
                    // A kept-alive connection the server had closed meanwhile: once more on a new one.
                    if (attempt > 0 || !wasReused) {
                        throw e;
                    }
                }
            }
        }

        private void connect() throws IOException {
            URI uri = URI.create(base);
            socket = new java.net.Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            in = new java.io.BufferedInputStream(socket.getInputStream(), CHUNK);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), CHUNK);
            reused = false;
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

        private Answer exchangeOnce(String method, String path, String headers, long length, BodyWriter body)
                throws IOException {
            URI uri = URI.create(base);
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nX-Auth-Token: " + token + "\r\n" + headers + "Content-Length: " + length + "\r\n\r\n";
            out.write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            if (body != null) {
                body.write(out);
            }
            out.flush();
            reused = true;

            String status = line();
            if (status.isEmpty()) {
                throw new IOException("connection closed");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            boolean closes = false;
            String etag = null;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    contentLength = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.equalsIgnoreCase("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    closes = value.equalsIgnoreCase("close");
                } else if (name.equalsIgnoreCase("Etag")) {
                    etag = value;
                }
            }
            InputStream answer;
            if (method.equals("HEAD") || code == 204 || code == 304) {
                answer = InputStream.nullInputStream();
            } else if (chunked) {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    bytes.write(in.readNBytes(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
                answer = new java.io.ByteArrayInputStream(bytes.toByteArray());
            } else if (contentLength >= 0) {
                answer = new Bounded(in, contentLength);
            } else {
                answer = in;
                closes = true;
            }
            return new Answer(this, code, etag, answer, closes);
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

        /** The next {@code remaining} bytes of the connection, then end of stream (the connection stays open). */
        private static final class Bounded extends InputStream {
            private final InputStream in;
            private long remaining;

            Bounded(InputStream in, long remaining) {
                this.in = in;
                this.remaining = remaining;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(buffer, offset, (int) Math.min(length, remaining));
                if (n < 0) {
                    throw new IOException("connection closed with " + remaining + " bytes of the body missing");
                }
                remaining -= n;
                return n;
            }
        }
    }

    /** Samples the service's RSS (/proc) and heap in use (/actuator/prometheus) every 250 ms. */
    static final class Sampler extends Thread {
        final Path status;
        volatile long rssStart, rssMax, heapStart, heapMax;
        volatile boolean fresh;

        Sampler(String pid) {
            status = Path.of("/proc", pid, "status");
            setDaemon(true);
        }

        synchronized void reset() {
            fresh = true;
        }

        String summary() {
            return String.format("service RSS %d MiB at start, max %d MiB; heap used %d MiB at start, max %d MiB",
                    rssStart >> 20, rssMax >> 20, heapStart >> 20, heapMax >> 20);
        }

        @Override
        public void run() {
            while (true) {
                try {
                    long rss = rss(), heap = heap();
                    synchronized (this) {
                        if (fresh) {
                            rssStart = rssMax = rss;
                            heapStart = heapMax = heap;
                            fresh = false;
                        }
                        rssMax = Math.max(rssMax, rss);
                        heapMax = Math.max(heapMax, heap);
                    }
                    Thread.sleep(250);
                } catch (Exception e) {
                    // the service went away: keep the last figures
                    return;
                }
            }
        }

        long rss() throws IOException {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return 0;
        }

        long heap() throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            double sum = 0;
            for (String line : response.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return (long) sum;
        }
    }
}
