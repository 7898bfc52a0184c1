import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compute API benchmark (issue 5), against any Nova-compatible endpoint with Keystone v3 in front:
 *   1. setup (needs an admin): a flavor (1 vCPU, 512 MB, 1 GB disk; with -Dgpus=N also resources:PGPU=N) and
 *      a tiny image (an empty 1 GiB qcow2 made here, 256 KiB), both found by name when a previous run made
 *      them; the project's instances/cores/ram quotas set to unlimited;
 *   2. an untimed warm-up: WARMUP servers created, waited for, deleted;
 *   3. creates: CLIENTS concurrent clients POST /servers until SERVERS were accepted (each client sends its
 *      next POST as soon as its last one is answered). Measured: accepted requests per second (202s over the
 *      time from the first POST to the last 202) and the POST latency; POST to ACTIVE per server, seen by one
 *      poller that lists GET /servers?status=BUILD every POLL ms (a server the list no longer holds has left
 *      BUILD; its final status comes from /servers/detail afterwards), so the figure is late by up to one
 *      poll; and POST to OS-SRV-USG:launched_at (when the host saw the guest running: exact, but only when
 *      this program runs on a machine whose clock agrees with the hosts');
 *   4. where the time goes: every Prometheus endpoint given (the compute API's and Placement's by default;
 *      add the agents' with -Dmetrics) is scraped before and after, and the differences of the messaging
 *      timers cloud_messaging_consumer_delay_seconds (from a message's creation by its sender to the start
 *      of its handling: outbox relay, broker, queue) and cloud_messaging_consumer_handling_seconds (handler
 *      and commit), per queue and message type, give each stage's mean and p50/p99 (from the histogram
 *      buckets): API accept, queue to scheduler, scheduling pass + claim, queue to agent, agent build, state
 *      report back;
 *   5. deletes: CLIENTS clients DELETE every server; deletes accepted per second, DELETE latency, and the time
 *      until the listing holds none of them (the hosts have reported the guests gone).
 *
 * Usage: java [options] bench/ServerLoad.java IDENTITY_URL COMPUTE_URL USER PASSWORD PROJECT [SERVERS [CLIENTS]]
 * e.g.   java bench/ServerLoad.java http://127.0.0.1:5000/v3 http://127.0.0.1:8774/v2.1 admin "$PW" admin 500 8
 * With a token instead of a password: java -Dtoken="$TOKEN" bench/ServerLoad.java IDENTITY_URL COMPUTE_URL - - -
 * Options: -Dflavor=ID (use this flavor), -Dgpus=N (a flavor with N whole GPUs), -Dimage=ID (use this image),
 *          -Dmetrics=URL,URL (more Prometheus endpoints, e.g. the agents'), -Dwarmup=16, -Dpoll=200 (ms),
 *          -Dtimeout=300 (s to wait for ACTIVE), -Ddomain=Default (user and project domain), -Dquota=true,
 *          -Ddelete=true (false keeps the servers).
 * The figures assume nothing else creates servers in the project meanwhile.
 */
public class ServerLoad {

    // HTTP/1.1: the JDK client would otherwise offer an h2c upgrade on every new connection.
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String FLAVOR_TINY = "bench.server.tiny";
    static final String IMAGE_NAME = "bench-server-tiny";

    static String compute;      // .../v2.1
    static String token;
    static String projectId;
    static final List<String> metricsUrls = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: java [options] bench/ServerLoad.java IDENTITY_URL COMPUTE_URL USER PASSWORD PROJECT"
                    + " [SERVERS [CLIENTS]]  (see the comment at the top for the options)");
            System.exit(2);
        }
        String identity = strip(args[0]);
        compute = strip(args[1]);
        int servers = args.length > 5 ? Integer.parseInt(args[5]) : 500;
        int clients = args.length > 6 ? Integer.parseInt(args[6]) : 8;
        int gpus = Integer.getInteger("gpus", 0);
        int warmup = Integer.getInteger("warmup", 16);
        long pollMillis = Long.getLong("poll", 200);
        Duration timeout = Duration.ofSeconds(Long.getLong("timeout", 300));

        Map<String, String> catalog = authenticate(identity, args[2], args[3], args[4],
                System.getProperty("domain", "Default"));
        String computeRoot = compute.replaceAll("/v2(\\.1)?$", "");
        metricsUrls.add(computeRoot + "/actuator/prometheus");
        if (catalog.containsKey("placement")) {
            metricsUrls.add(strip(catalog.get("placement")) + "/actuator/prometheus");
        }
        for (String url : System.getProperty("metrics", "").split(",")) {
            if (!url.isBlank() && !metricsUrls.contains(url.trim())) {
                metricsUrls.add(url.trim());
            }
        }
        String imageApi = strip(catalog.getOrDefault("image", computeRoot + "/image"));

        String flavor = System.getProperty("flavor");
        if (flavor == null) {
            flavor = flavor(gpus);
        }
        String image = System.getProperty("image");
        if (image == null) {
            image = image(imageApi);
        }
        if (Boolean.parseBoolean(System.getProperty("quota", "true"))) {
            call("PUT", compute + "/os-quota-sets/" + projectId,
                    "{\"quota_set\":{\"instances\":-1,\"cores\":-1,\"ram\":-1}}", 200);
        }
        int existing = listIds(null).size();
        System.out.printf("project %s: flavor %s, image %s, %d server(s) already there; metrics from %s%n", projectId,
                flavor, image, existing, metricsUrls);

        if (warmup > 0) {
            Run warm = new Run("warmup", flavor, image, Math.min(warmup, servers), clients, pollMillis, timeout);
            warm.create();
            warm.delete(timeout);
            System.out.printf("warm-up: %d servers created and deleted (%d ACTIVE)%n", warm.accepted.size(),
                    warm.countStatus("ACTIVE"));
        }

        Run run = new Run("bench", flavor, image, servers, clients, pollMillis, timeout);
        String loadBefore = loadAverage();
        Map<String, Scrape> before = scrapeAll();
        double cpuBefore = processCpuSeconds(before);
        long benchCpu = benchCpuNanos();
        run.create();
        Map<String, Scrape> after = scrapeAll();
        String loadAfter = loadAverage();
        run.reportCreates(loadBefore, loadAfter);
        reportStages(before, after);
        System.out.printf("CPU: service process %.1f s (process_cpu_time of the first endpoint; in the all-in-one"
                + " every service), this program %.1f s, over %.1f s%n", processCpuSeconds(after) - cpuBefore,
                (benchCpuNanos() - benchCpu) / 1e9, run.createSeconds);

        if (Boolean.parseBoolean(System.getProperty("delete", "true"))) {
            before = after;
            loadBefore = loadAverage();
            run.delete(timeout);
            after = scrapeAll();
            run.reportDeletes(loadBefore, loadAverage());
            reportDeleteStages(before, after);
        }
    }

    // ---------------------------------------------------------------------------------------------- one run

    static final class Server {
        final int index;
        volatile String id;
        volatile long postNanos;        // System.nanoTime() before the POST was sent
        volatile long postWallMillis;   // the same moment on the wall clock
        volatile long acceptedNanos;
        volatile long leftBuildNanos;   // first poll answer without it in BUILD; 0 while building
        volatile long deleteNanos;
        volatile long deleteAnsweredNanos;
        volatile String status;
        volatile String launchedAt;
        volatile String host;
        volatile String fault;

        Server(int index) {
            this.index = index;
        }
    }

    static final class Run {
        final String prefix;
        final String flavor;
        final String image;
        final int count;
        final int clients;
        final long pollMillis;
        final Duration timeout;
        final List<Server> accepted = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Integer> refusals = new ConcurrentHashMap<>();
        long firstPost;
        long lastAccepted;
        long lastActive;
        double createSeconds;
        int polls;
        long deleteStart;
        long deleteAcceptedAt;
        long allGoneAt;

        Run(String prefix, String flavor, String image, int count, int clients, long pollMillis, Duration timeout) {
            this.prefix = prefix + "-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
            this.flavor = flavor;
            this.image = image;
            this.count = count;
            this.clients = clients;
            this.pollMillis = pollMillis;
            this.timeout = timeout;
        }

        void create() throws Exception {
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            Poller poller = new Poller(this);
            Thread pollThread = new Thread(poller, "poller");
            firstPost = System.nanoTime();
            pollThread.start();
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        Server server = new Server(i);
                        String body = "{\"server\":{\"name\":\"" + prefix + "-" + i + "\",\"flavorRef\":\"" + flavor
                                + "\",\"imageRef\":\"" + image + "\"}}";
                        server.postWallMillis = System.currentTimeMillis();
                        server.postNanos = System.nanoTime();
                        Reply response = send("POST", compute + "/servers", body);
                        server.acceptedNanos = System.nanoTime();
                        if (response.statusCode() != 202) {
                            refusals.merge(response.statusCode() + " " + abbreviate(response.body()), 1, Integer::sum);
                            continue;
                        }
                        Map<?, ?> created = (Map<?, ?>) ((Map<?, ?>) Json.parse(response.body())).get("server");
                        server.id = (String) created.get("id");
                        accepted.add(server);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            lastAccepted = accepted.stream().mapToLong(s -> s.acceptedNanos).max().orElse(firstPost);
            poller.finishing = true;
            pollThread.join(timeout.toMillis() + 10_000);
            if (pollThread.isAlive()) {
                poller.stop = true;
                pollThread.join();
            }
            polls = poller.polls;
            lastActive = accepted.stream().mapToLong(s -> s.leftBuildNanos).max().orElse(lastAccepted);
            createSeconds = (Math.max(lastActive, lastAccepted) - firstPost) / 1e9;
            readFinalStates();
        }

        /** Status, launch time, host and fault of each server, from /servers/detail (all pages). */
        void readFinalStates() {
            Map<String, Server> byId = new HashMap<>();
            for (Server s : accepted) {
                byId.put(s.id, s);
            }
            String url = compute + "/servers/detail?limit=1000";
            while (url != null) {
                Map<?, ?> page = (Map<?, ?>) Json.parse(call("GET", url, null, 200).body());
                for (Object o : (List<?>) page.get("servers")) {
                    Map<?, ?> view = (Map<?, ?>) o;
                    Server s = byId.get((String) view.get("id"));
                    if (s != null) {
                        s.status = (String) view.get("status");
                        s.launchedAt = (String) view.get("OS-SRV-USG:launched_at");
                        s.host = (String) view.get("OS-EXT-SRV-ATTR:host");
                        Object fault = view.get("fault");
                        s.fault = fault instanceof Map<?, ?> f ? String.valueOf(f.get("message")) : null;
                    }
                }
                url = nextLink(page.get("servers_links"));
            }
        }

        int countStatus(String status) {
            return (int) accepted.stream().filter(s -> status.equals(s.status)).count();
        }

        void delete(Duration timeout) throws Exception {
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Server> targets = new ArrayList<>(accepted);
            Map<String, Integer> deleteRefusals = new ConcurrentHashMap<>();
            deleteStart = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < targets.size(); i = next.getAndIncrement()) {
                        Server server = targets.get(i);
                        server.deleteNanos = System.nanoTime();
                        Reply response = send("DELETE", compute + "/servers/" + server.id, null);
                        server.deleteAnsweredNanos = System.nanoTime();
                        if (response.statusCode() != 204 && response.statusCode() != 404) {
                            deleteRefusals.merge(response.statusCode() + " " + abbreviate(response.body()), 1,
                                    Integer::sum);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            deleteAcceptedAt = System.nanoTime();
            if (!deleteRefusals.isEmpty()) {
                System.out.println("    DELETE refusals: " + deleteRefusals);
            }
            Set<String> ours = new HashSet<>();
            targets.forEach(s -> ours.add(s.id));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Set<String> left = new HashSet<>(listIds(null));
                left.retainAll(ours);
                if (left.isEmpty()) {
                    allGoneAt = System.nanoTime();
                    return;
                }
                if (System.nanoTime() > deadline) {
                    System.out.printf("    %d server(s) still listed %d s after the deletes%n", left.size(),
                            timeout.toSeconds());
                    allGoneAt = System.nanoTime();
                    return;
                }
                Thread.sleep(pollMillis);
            }
        }

        void reportCreates(String loadBefore, String loadAfter) {
            int n = accepted.size();
            double acceptSeconds = (lastAccepted - firstPost) / 1e9;
            List<Long> post = sorted(accepted, s -> s.acceptedNanos - s.postNanos);
            List<Server> active = accepted.stream().filter(s -> "ACTIVE".equals(s.status) && s.leftBuildNanos > 0).toList();
            List<Long> toActive = sorted(active, s -> s.leftBuildNanos - s.postNanos);
            List<Long> toLaunched = new ArrayList<>();
            for (Server s : active) {
                if (s.launchedAt != null) {
                    long launched = LocalDateTime.parse(s.launchedAt).toInstant(ZoneOffset.UTC).toEpochMilli();
                    toLaunched.add((launched - s.postWallMillis) * 1_000_000L);
                }
            }
            Collections.sort(toLaunched);
            System.out.printf("%ncreate %d servers (flavor %s) with %d clients; load average %s -> %s%n", count, flavor,
                    clients, loadBefore, loadAfter);
            System.out.printf("  accepted (202): %d in %.2f s: %.1f/s; POST latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    n, acceptSeconds, n / acceptSeconds, pct(post, 50), pct(post, 99), pct(post, 100));
            if (!refusals.isEmpty()) {
                System.out.println("  refused: " + refusals);
            }
            System.out.printf("  ACTIVE %d, ERROR %d, other %d; last ACTIVE %.2f s after the first POST (%.1f servers/s"
                    + " end to end); %d polls%n", countStatus("ACTIVE"), countStatus("ERROR"),
                    n - countStatus("ACTIVE") - countStatus("ERROR"), (lastActive - firstPost) / 1e9,
                    active.size() / ((lastActive - firstPost) / 1e9), polls);
            System.out.printf("  POST -> ACTIVE (poll, +<=%d ms): p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    pollMillis, pct(toActive, 50), pct(toActive, 90), pct(toActive, 99), pct(toActive, 100));
            if (!toLaunched.isEmpty()) {
                System.out.printf("  POST -> launched_at (host saw it running): p50 %.0f ms, p90 %.0f ms, p99 %.0f ms,"
                        + " max %.0f ms%n", pct(toLaunched, 50), pct(toLaunched, 90), pct(toLaunched, 99),
                        pct(toLaunched, 100));
            }
            Map<String, Integer> hosts = new TreeMap<>();
            accepted.forEach(s -> hosts.merge(String.valueOf(s.host), 1, Integer::sum));
            System.out.println("  servers per host: " + hosts);
            Map<String, Integer> faults = new TreeMap<>();
            accepted.stream().filter(s -> s.fault != null).forEach(s -> faults.merge(abbreviate(s.fault), 1, Integer::sum));
            if (!faults.isEmpty()) {
                System.out.println("  faults: " + faults);
            }
        }

        void reportDeletes(String loadBefore, String loadAfter) {
            List<Long> latency = sorted(accepted, s -> s.deleteAnsweredNanos - s.deleteNanos);
            double acceptSeconds = (deleteAcceptedAt - deleteStart) / 1e9;
            System.out.printf("%ndelete %d servers with %d clients; load average %s -> %s%n", accepted.size(), clients,
                    loadBefore, loadAfter);
            System.out.printf("  DELETE answered: %.2f s, %.1f/s; latency p50 %.1f ms, p99 %.1f ms; all gone from the"
                    + " listing %.2f s after the first DELETE (%.1f servers/s)%n", acceptSeconds,
                    accepted.size() / acceptSeconds, pct(latency, 50), pct(latency, 99), (allGoneAt - deleteStart) / 1e9,
                    accepted.size() / ((allGoneAt - deleteStart) / 1e9));
        }
    }

    /** Lists the project's servers in BUILD and marks those that left it since their 202. */
    static final class Poller implements Runnable {
        final Run run;
        volatile boolean finishing;
        volatile boolean stop;
        int polls;

        Poller(Run run) {
            this.run = run;
        }

        @Override
        public void run() {
            long deadline = Long.MAX_VALUE;
            try {
                while (!stop) {
                    long sent = System.nanoTime();
                    Set<String> building = new HashSet<>(listIds("BUILD"));
                    long answered = System.nanoTime();
                    polls++;
                    int pending = 0;
                    synchronized (run.accepted) {
                        for (Server s : run.accepted) {
                            if (s.leftBuildNanos != 0) {
                                continue;
                            }
                            // Only servers accepted before this listing was asked for can be judged by it.
                            if (s.acceptedNanos < sent && !building.contains(s.id)) {
                                s.leftBuildNanos = answered;
                            } else {
                                pending++;
                            }
                        }
                    }
                    if (finishing) {
                        if (deadline == Long.MAX_VALUE) {
                            deadline = System.nanoTime() + run.timeout.toNanos();
                        }
                        if (pending == 0) {
                            return;
                        }
                        if (System.nanoTime() > deadline) {
                            System.out.printf("    %d server(s) still in BUILD after %d s%n", pending,
                                    run.timeout.toSeconds());
                            return;
                        }
                    }
                    long sleep = run.pollMillis - (System.nanoTime() - sent) / 1_000_000;
                    if (sleep > 0) {
                        Thread.sleep(sleep);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The ids of the project's servers (in a status, or all), every page. */
    static List<String> listIds(String status) {
        List<String> ids = new ArrayList<>();
        String url = compute + "/servers?limit=1000" + (status == null ? "" : "&status=" + status);
        while (url != null) {
            Map<?, ?> page = (Map<?, ?>) Json.parse(call("GET", url, null, 200).body());
            for (Object o : (List<?>) page.get("servers")) {
                ids.add((String) ((Map<?, ?>) o).get("id"));
            }
            url = nextLink(page.get("servers_links"));
        }
        return ids;
    }

    static String nextLink(Object links) {
        if (links instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> link = (Map<?, ?>) o;
                if ("next".equals(link.get("rel"))) {
                    return (String) link.get("href");
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ stages

    /** One stage: a timer (by name) summed over every series whose labels match. */
    record Stage(String label, String metric, Predicate<Map<String, String>> series) {
    }

    static Predicate<Map<String, String>> queue(String queuePattern, String type) {
        Pattern pattern = Pattern.compile(queuePattern);
        return labels -> labels.get("queue") != null && pattern.matcher(labels.get("queue")).matches()
                && (type == null || type.equals(labels.get("type")));
    }

    static final String DELAY = "cloud_messaging_consumer_delay_seconds";
    static final String HANDLING = "cloud_messaging_consumer_handling_seconds";

    static void reportStages(Map<String, Scrape> before, Map<String, Scrape> after) {
        List<Stage> stages = List.of(
                new Stage("API accept: POST /servers (server side)", "http_server_requests_seconds",
                        labels -> "POST".equals(labels.get("method")) && "/v2.1/servers".equals(labels.get("uri"))),
                new Stage("queue to scheduler (outbox relay, broker, queue)", DELAY,
                        queue("scheduler\\.schedule", "ScheduleInstance")),
                new Stage("scheduling pass + claim (handler + commit)", HANDLING,
                        queue("scheduler\\.schedule", "ScheduleInstance")),
                new Stage("  of which: scheduler.pass (candidates, filters, weighers)", "scheduler_pass_seconds",
                        labels -> true),
                new Stage("queue to agent (outbox relay, broker, queue)", DELAY,
                        queue("compute\\..*\\.build", "BuildInstance")),
                new Stage("agent build (libvirt, disk, config drive, report)", HANDLING,
                        queue("compute\\..*\\.build", "BuildInstance")),
                new Stage("state report back: broker and queue", DELAY,
                        queue("compute-api\\.instance-events(\\.\\d+)?", "InstanceStateChanged")),
                new Stage("state report back: applied (handler + commit)", HANDLING,
                        queue("compute-api\\.instance-events(\\.\\d+)?", "InstanceStateChanged")),
                new Stage("(beside the path) InstanceScheduled: queue", DELAY,
                        queue("compute-api\\.instance-events(\\.\\d+)?", "InstanceScheduled")),
                new Stage("(beside the path) InstanceScheduled: applied", HANDLING,
                        queue("compute-api\\.instance-events(\\.\\d+)?", "InstanceScheduled")));
        printStages("where the time goes (creates), from the services' metrics", stages, before, after);
    }

    static void reportDeleteStages(Map<String, Scrape> before, Map<String, Scrape> after) {
        List<Stage> stages = List.of(
                new Stage("API: DELETE /servers/{id} (server side)", "http_server_requests_seconds",
                        labels -> "DELETE".equals(labels.get("method")) && "/v2.1/servers/{id}".equals(labels.get("uri"))),
                new Stage("queue to agent (InstanceAction)", DELAY, queue("compute\\..*\\.action", "InstanceAction")),
                new Stage("agent delete", HANDLING, queue("compute\\..*\\.action", "InstanceAction")),
                new Stage("report back: queue", DELAY, queue("compute-api\\.instance-events(\\.\\d+)?", "InstanceStateChanged")),
                new Stage("report back: applied", HANDLING, queue("compute-api\\.instance-events(\\.\\d+)?", "InstanceStateChanged")),
                new Stage("InstanceDeleted to scheduler: queue", DELAY, queue("scheduler\\..*", "InstanceDeleted")),
                new Stage("scheduler releases the claim", HANDLING, queue("scheduler\\..*", "InstanceDeleted")));
        printStages("where the time goes (deletes)", stages, before, after);
    }

    static void printStages(String title, List<Stage> stages, Map<String, Scrape> before, Map<String, Scrape> after) {
        System.out.printf("%n  %s:%n", title);
        System.out.printf("  %-58s %7s %9s %9s %9s %9s%n", "stage", "count", "mean ms", "p50 ms", "p99 ms", "max ms");
        for (Stage stage : stages) {
            double count = 0;
            double sum = 0;
            double max = 0;
            TreeMap<Double, Double> buckets = new TreeMap<>();
            for (String url : after.keySet()) {
                Scrape a = after.get(url);
                Scrape b = before.getOrDefault(url, new Scrape(List.of()));
                count += a.sum(stage.metric.replace("_seconds", "_seconds_count"), stage.series)
                        - b.sum(stage.metric.replace("_seconds", "_seconds_count"), stage.series);
                sum += a.sum(stage.metric + "_sum", stage.series) - b.sum(stage.metric + "_sum", stage.series);
                max = Math.max(max, a.max(stage.metric + "_max", stage.series));
                for (Sample s : a.samples) {
                    if (s.name.equals(stage.metric + "_bucket") && stage.series.test(s.labels)) {
                        double le = s.labels.get("le").equals("+Inf") ? Double.POSITIVE_INFINITY
                                : Double.parseDouble(s.labels.get("le"));
                        double old = b.value(s.name, s.labels);
                        buckets.merge(le, s.value - old, Double::sum);
                    }
                }
            }
            if (count <= 0) {
                System.out.printf("  %-58s %7s%n", stage.label, "-");
                continue;
            }
            System.out.printf("  %-58s %7.0f %9.1f %9s %9s %9.1f%n", stage.label, count, sum / count * 1000,
                    quantile(buckets, 0.5), quantile(buckets, 0.99), max * 1000);
        }
        System.out.println("  (count, mean and quantiles over the phase; quantiles from histogram buckets, interpolated;"
                + " max is the timer's recent maximum)");
    }

    /** histogram_quantile over cumulative bucket counts, in ms; "-" without buckets. */
    static String quantile(TreeMap<Double, Double> cumulative, double q) {
        if (cumulative.isEmpty()) {
            return "-";
        }
        double total = cumulative.lastEntry().getValue();
        if (total <= 0) {
            return "-";
        }
        double rank = q * total;
        double previousLe = 0;
        double previousCount = 0;
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= rank) {
                if (e.getKey().isInfinite()) {
                    return String.format(Locale.ROOT, ">%.0f", previousLe * 1000);
                }
                double inBucket = e.getValue() - previousCount;
                double fraction = inBucket <= 0 ? 1 : (rank - previousCount) / inBucket;
                return String.format(Locale.ROOT, "%.1f", (previousLe + (e.getKey() - previousLe) * fraction) * 1000);
            }
            previousLe = e.getKey();
            previousCount = e.getValue();
        }
        return "-";
    }

    record Sample(String name, Map<String, String> labels, double value) {
    }

    record Scrape(List<Sample> samples) {
        double sum(String name, Predicate<Map<String, String>> series) {
            double total = 0;
            for (Sample s : samples) {
                if (s.name.equals(name) && series.test(s.labels)) {
                    total += s.value;
                }
            }
            return total;
        }

        double max(String name, Predicate<Map<String, String>> series) {
            double max = 0;
            for (Sample s : samples) {
                if (s.name.equals(name) && series.test(s.labels)) {
                    max = Math.max(max, s.value);
                }
            }
            return max;
        }

        double value(String name, Map<String, String> labels) {
            for (Sample s : samples) {
                if (s.name.equals(name) && s.labels.equals(labels)) {
                    return s.value;
                }
            }
            return 0;
        }
    }

    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)");
    static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static Map<String, Scrape> scrapeAll() {
        Map<String, Scrape> scrapes = new LinkedHashMap<>();
        for (String url : metricsUrls) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    System.out.println("    (metrics: " + url + " answered " + response.statusCode() + ")");
                    continue;
                }
                List<Sample> samples = new ArrayList<>();
                for (String line : response.body().split("\n")) {
                    if (line.startsWith("#")) {
                        continue;
                    }
                    Matcher m = SAMPLE.matcher(line);
                    if (!m.find()) {
                        continue;
                    }
                    Map<String, String> labels = new HashMap<>();
                    if (m.group(2) != null) {
                        Matcher l = LABEL.matcher(m.group(2));
                        while (l.find()) {
                            labels.put(l.group(1), l.group(2));
                        }
                    }
                    double value;
                    try {
                        value = Double.parseDouble(m.group(3));
                    } catch (NumberFormatException e) {
                        continue;
                    }
                    samples.add(new Sample(m.group(1), labels, value));
                }
                scrapes.put(url, new Scrape(samples));
            } catch (IOException | InterruptedException e) {
                System.out.println("    (metrics: " + url + " unreachable: " + e + ")");
            }
        }
        return scrapes;
    }

    static double processCpuSeconds(Map<String, Scrape> scrapes) {
        for (Scrape s : scrapes.values()) {
            double ns = s.sum("process_cpu_time_ns_total", labels -> true);
            if (ns > 0) {
                return ns / 1e9;
            }
        }
        return 0;
    }

    static long benchCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    // ------------------------------------------------------------------------------------------------- setup

    /** Authenticates (password, or -Dtoken) and returns the catalog's public endpoints by service type. */
    static Map<String, String> authenticate(String identity, String user, String password, String project,
            String domain) {
        String given = System.getProperty("token");
        HttpResponse<String> response;
        if (given != null) {
            token = given;
            response = sendJdk("GET", identity + "/auth/tokens", null, Map.of("X-Subject-Token", given));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the token does not validate: " + response.statusCode() + " "
                        + response.body());
            }
        } else {
            String body = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":"
                    + quote(user) + ",\"domain\":{\"name\":" + quote(domain) + "},\"password\":" + quote(password)
                    + "}}},\"scope\":{\"project\":{\"name\":" + quote(project) + ",\"domain\":{\"name\":"
                    + quote(domain) + "}}}}}";
            response = sendJdk("POST", identity + "/auth/tokens", body, Map.of());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("authentication failed: " + response.statusCode() + " " + response.body());
            }
            token = response.headers().firstValue("X-Subject-Token").orElseThrow();
        }
        Map<?, ?> tokenBody = (Map<?, ?>) ((Map<?, ?>) Json.parse(response.body())).get("token");
        projectId = (String) ((Map<?, ?>) tokenBody.get("project")).get("id");
        Map<String, String> endpoints = new HashMap<>();
        if (tokenBody.get("catalog") instanceof List<?> catalog) {
            for (Object o : catalog) {
                Map<?, ?> service = (Map<?, ?>) o;
                for (Object e : (List<?>) service.get("endpoints")) {
                    Map<?, ?> endpoint = (Map<?, ?>) e;
                    if ("public".equals(endpoint.get("interface"))) {
                        endpoints.put((String) service.get("type"), (String) endpoint.get("url"));
                    }
                }
            }
        }
        return endpoints;
    }

    /** The benchmark's flavor: found by name, else created (1 vCPU, 512 MB, 1 GB; N whole GPUs with -Dgpus). */
    static String flavor(int gpus) {
        String name = gpus > 0 ? "bench.server.gpu" + gpus : FLAVOR_TINY;
        Map<?, ?> list = (Map<?, ?>) Json.parse(call("GET", compute + "/flavors?is_public=None", null, 200).body());
        for (Object o : (List<?>) list.get("flavors")) {
            Map<?, ?> f = (Map<?, ?>) o;
            if (name.equals(f.get("name"))) {
                return (String) f.get("id");
            }
        }
        String body = "{\"flavor\":{\"name\":\"" + name + "\",\"vcpus\":1,\"ram\":512,\"disk\":1}}";
        Map<?, ?> created = (Map<?, ?>) ((Map<?, ?>) Json.parse(call("POST", compute + "/flavors", body, 200).body()))
                .get("flavor");
        String id = (String) created.get("id");
        if (gpus > 0) {
            call("POST", compute + "/flavors/" + id + "/os-extra_specs",
                    "{\"extra_specs\":{\"resources:PGPU\":\"" + gpus + "\"}}", 200);
        }
        System.out.println("created flavor " + name + " (" + id + ")");
        return id;
    }

    /** The benchmark's image: an active one of that name, else created and uploaded. */
    static String image(String imageApi) {
        Map<?, ?> list = (Map<?, ?>) Json.parse(call("GET", imageApi + "/v2/images?name=" + IMAGE_NAME
                + "&status=active", null, 200).body());
        List<?> images = (List<?>) list.get("images");
        if (!images.isEmpty()) {
            return (String) ((Map<?, ?>) images.get(0)).get("id");
        }
        Map<?, ?> created = (Map<?, ?>) Json.parse(call("POST", imageApi + "/v2/images", "{\"name\":\"" + IMAGE_NAME
                + "\",\"disk_format\":\"qcow2\",\"container_format\":\"bare\"}", 201).body());
        String id = (String) created.get("id");
        HttpRequest upload = HttpRequest.newBuilder(URI.create(imageApi + "/v2/images/" + id + "/file"))
                .header("X-Auth-Token", token).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(emptyQcow2(1L << 30))).build();
        try {
            HttpResponse<String> response = http.send(upload, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("image upload answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("image upload", e);
        }
        System.out.println("created image " + IMAGE_NAME + " (" + id + ")");
        return id;
    }

    /**
     * An empty qcow2 (version 2, 64 KiB clusters) of the given virtual size: header, refcount table, one refcount
     * block and the L1 table, one cluster each (what `qemu-img create -f qcow2` writes, less its extensions).
     */
    static byte[] emptyQcow2(long virtualSize) {
        int cluster = 1 << 16;
        long l2Coverage = (long) (cluster / 8) * cluster;
        int l1Entries = (int) ((virtualSize + l2Coverage - 1) / l2Coverage);
        ByteBuffer file = ByteBuffer.allocate(4 * cluster);
        file.putInt(0x514649fb).putInt(2)       // magic, version
                .putLong(0).putInt(0)            // no backing file
                .putInt(16)                      // cluster bits
                .putLong(virtualSize)
                .putInt(0)                       // no encryption
                .putInt(l1Entries).putLong(3L * cluster)   // L1 table: cluster 3 (all entries 0: unallocated)
                .putLong(cluster).putInt(1)      // refcount table: cluster 1, one cluster long
                .putInt(0).putLong(0);           // no snapshots
        file.putLong(cluster, 2L * cluster);     // refcount table entry 0 -> refcount block in cluster 2
        for (int c = 0; c < 4; c++) {
            file.putShort(2 * cluster + 2 * c, (short) 1);   // clusters 0-3 are in use once
        }
        return file.array();
    }

    // -------------------------------------------------------------------------------------------------- HTTP

    static Reply call(String method, String url, String body, int... expected) {
        Reply response = send(method, url, body);
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
    }

    /** A status and a body: all the benchmark reads of an answer (but for authentication's token header). */
    record Reply(int statusCode, String body) {
    }

    /**
     * Benchmark traffic goes through {@link PlainHttp} unless -Dclient=jdk: the JDK HttpClient costs this process
     * milliseconds of CPU per server (its asynchronous machinery on every exchange), CPU the services under test
     * share on the same cores.
     */
    static final boolean PLAIN = !"jdk".equals(System.getProperty("client"));

    static Reply send(String method, String url, String body) {
        if (PLAIN && url.startsWith("http://")) {
            try {
                return PlainHttp.current(url).exchange(method, url, body);
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + url, e);
            }
        }
        HttpResponse<String> response = sendJdk(method, url, body, Map.of());
        return new Reply(response.statusCode(), response.body());
    }

    static HttpResponse<String> sendJdk(String method, String url, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + url, e);
        }
    }

    /**
     * A minimal blocking HTTP/1.1 client: one kept-alive socket per thread and origin, requests written whole,
     * answers read by Content-Length or chunked encoding. Only what this benchmark needs (no redirects, no TLS).
     */
    static final class PlainHttp {
        private static final ThreadLocal<Map<String, PlainHttp>> CONNECTIONS = ThreadLocal.withInitial(HashMap::new);
        private final URI origin;
        private java.net.Socket socket;
        private java.io.BufferedInputStream in;
        private java.io.OutputStream out;
        private boolean reused;

        private PlainHttp(URI origin) {
            this.origin = origin;
        }

        static PlainHttp current(String url) {
            URI uri = URI.create(url);
            String key = uri.getHost() + ":" + uri.getPort();
            return CONNECTIONS.get().computeIfAbsent(key, k -> new PlainHttp(uri));
        }

        Reply exchange(String method, String url, String body) throws IOException {
            URI uri = URI.create(url);
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            for (int attempt = 0; ; attempt++) {
                if (socket == null) {
                    connect();
                }
                boolean wasReused = reused;
                try {
                    return exchangeOnce(method, target, body);
                } catch (IOException e) {
                    close();
                    // Only a kept-alive connection the server had closed meanwhile is tried again, on a new one
                    // (a POST included: the server closed it before reading the request).
                    if (attempt > 0 || !wasReused) {
                        throw e;
                    }
                }
            }
        }

        private void connect() throws IOException {
            socket = new java.net.Socket(origin.getHost(), origin.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 8192);
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

        private Reply exchangeOnce(String method, String target, String body) throws IOException {
            byte[] content = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target)
                    .append(" HTTP/1.1\r\nHost: ").append(origin.getHost()).append(':').append(origin.getPort())
                    .append("\r\nAccept: application/json\r\nContent-Length: ").append(content.length);
            if (token != null) {
                head.append("\r\nX-Auth-Token: ").append(token);
            }
            if (body != null) {
                head.append("\r\nContent-Type: application/json");
            }
            head.append("\r\n\r\n");
            out.write(head.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            reused = true;

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
            if (method.equals("HEAD") || code == 204 || code == 304) {
                // no body
            } else if (chunked) {
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
            } else if (length < 0) {
                answer.write(in.readAllBytes());
                closes = true;
            }
            if (closes) {
                close();
            }
            return new Reply(code, answer.toString(java.nio.charset.StandardCharsets.UTF_8));
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

    static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
    }

    static <T> List<Long> sorted(List<T> items, java.util.function.ToLongFunction<T> f) {
        List<Long> values = new ArrayList<>();
        synchronized (items) {
            for (T item : items) {
                values.add(f.applyAsLong(item));
            }
        }
        Collections.sort(values);
        return values;
    }

    /** Nearest-rank percentile in ms (100 = max); NaN when empty. */
    static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    // -------------------------------------------------------------------------------------------------- JSON

    /** Just enough JSON: objects (LinkedHashMap), arrays (ArrayList), strings, numbers (Double), booleans, null. */
    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.at != text.length()) {
                throw json.error("trailing characters");
            }
            return value;
        }

        private Object value() {
            space();
            char c = text.charAt(at);
            switch (c) {
                case '{' -> {
                    at++;
                    Map<String, Object> object = new LinkedHashMap<>();
                    space();
                    if (text.charAt(at) == '}') {
                        at++;
                        return object;
                    }
                    while (true) {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        object.put(key, value());
                        space();
                        if (text.charAt(at) == ',') {
                            at++;
                        } else {
                            expect('}');
                            return object;
                        }
                    }
                }
                case '[' -> {
                    at++;
                    List<Object> array = new ArrayList<>();
                    space();
                    if (text.charAt(at) == ']') {
                        at++;
                        return array;
                    }
                    while (true) {
                        array.add(value());
                        space();
                        if (text.charAt(at) == ',') {
                            at++;
                        } else {
                            expect(']');
                            return array;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (text.startsWith("true", at)) {
                        at += 4;
                        return Boolean.TRUE;
                    }
                    if (text.startsWith("false", at)) {
                        at += 5;
                        return Boolean.FALSE;
                    }
                    if (text.startsWith("null", at)) {
                        at += 4;
                        return null;
                    }
                    int start = at;
                    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                        at++;
                    }
                    if (start == at) {
                        throw error("unexpected '" + c + "'");
                    }
                    return Double.parseDouble(text.substring(start, at));
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        private void expect(char c) {
            if (at >= text.length() || text.charAt(at) != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at " + at + " in "
                    + text.substring(0, Math.min(text.length(), 200)));
        }
    }
}
