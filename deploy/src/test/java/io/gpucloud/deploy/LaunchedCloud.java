package io.gpucloud.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole cloud started as a user starts it ({@code deploy/all-in-one.sh}: the packaged jar, a fresh data
 * directory, every service on a free port), and the real Debian {@code openstack} CLI run with the
 * {@code openrc} the launcher wrote. Embedded PostgreSQL and broker unless {@code environment} names others.
 */
final class LaunchedCloud implements AutoCloseable {

    private static final Path OPENSTACK = Path.of("/usr/bin/openstack");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The outcome of one CLI run. */
    record CliResult(int exit, String output) {
    }

    private final Path workDirectory;
    private final Path log;
    private final Map<String, String> environment;
    private final Process launcher;

    private LaunchedCloud(Path workDirectory, Path log, Map<String, String> environment, Process launcher) {
        this.workDirectory = workDirectory;
        this.log = log;
        this.environment = environment;
        this.launcher = launcher;
    }

    /** Starts the launcher and waits until it says the cloud is running. */
    static LaunchedCloud start(Map<String, String> extraEnvironment) throws Exception {
        assertThat(OPENSTACK).as("python3-openstackclient (deploy/setup-host.sh installs it)").isExecutable();
        Path workDirectory = Files.createTempDirectory("all-in-one-it");
        Path log = workDirectory.resolve("launcher.out");
        Map<String, String> environment = new HashMap<>();
        environment.put("CLOUD_DATA_DIR", workDirectory.resolve("data").toString());
        for (Service service : Service.values()) {
            environment.put(service.portVariable(), Integer.toString(freePort()));
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of("all-in-one.sh").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("OS_") || name.startsWith("CLOUD_DB")
                || name.startsWith("CLOUD_AMQP"));
        builder.environment().putAll(environment);
        builder.environment().putAll(extraEnvironment);
        LaunchedCloud cloud = new LaunchedCloud(workDirectory, log, environment, builder.start());
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!cloud.output().contains("GPU cloud all-in-one is running")) {
            assertThat(cloud.launcher.isAlive()).as("launcher exited early:\n" + cloud.output()).isTrue();
            assertThat(System.nanoTime()).as("launcher did not start in time:\n" + cloud.output()).isLessThan(deadline);
            Thread.sleep(500);
        }
        return cloud;
    }

    @Override
    public void close() throws InterruptedException {
        launcher.destroy();
        if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
            launcher.destroyForcibly();
        }
    }

    /** A scratch folder of this run (the launcher's data directory is {@code data/} inside it). */
    Path workDirectory() {
        return workDirectory;
    }

    /** The launcher's data directory. */
    Path data() {
        return workDirectory.resolve("data");
    }

    Path openrc() {
        return data().resolve("openrc");
    }

    String port(Service service) {
        return environment.get(service.portVariable());
    }

    String baseUrl(Service service) {
        return "http://127.0.0.1:" + port(service);
    }

    String adminPassword() throws IOException {
        return Files.readString(data().resolve("admin-password")).trim();
    }

    /** What the launcher has printed so far. */
    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Runs {@code openstack <args>} (or a shell snippet containing it), which must succeed; its trimmed output. */
    String cli(String command) throws Exception {
        CliResult result = run(command);
        assertThat(result.exit()).as(command + "\n" + result.output()).isZero();
        return result.output().trim();
    }

    /** Like {@link #cli} for a command that must fail; its output. */
    String cliFails(String command) throws Exception {
        CliResult result = run(command);
        assertThat(result.exit()).as(command + "\n" + result.output()).isNotZero();
        return result.output();
    }

    /** Runs {@code openstack <args>} (or a shell snippet containing it) with the launcher's openrc sourced. */
    CliResult run(String command) throws Exception {
        return shell(command.contains("openstack ") ? command : "openstack " + command);
    }

    /** Runs a shell snippet with the launcher's openrc sourced. */
    CliResult shell(String script) throws Exception {
        Process process = shellProcess(script).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(script).isTrue();
        return new CliResult(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** A shell snippet with the launcher's openrc sourced, not started yet (for concurrent runs). */
    ProcessBuilder shellProcess(String script) {
        ProcessBuilder cli = new ProcessBuilder("bash", "-c", "source \"$1\" && PATH=/usr/bin:$PATH && " + script,
                "cli", openrc().toString()).redirectErrorStream(true);
        cli.environment().keySet().removeIf(name -> name.startsWith("OS_"));
        return cli;
    }

    HttpResponse<String> get(Service service, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl(service) + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
