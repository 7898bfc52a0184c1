package io.gpucloud.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the whole control plane in one JVM: every service in its own Spring context on its own port, on
 * PostgreSQL and an AMQP broker that are embedded unless {@code CLOUD_DB_URL} / {@code CLOUD_AMQP_URL} name
 * existing ones. Settings come from environment variables, see {@link Settings}.
 *
 * <p>Contexts share no beans: each service's {@code @SpringBootApplication} scans only its own package.
 */
public final class AllInOne implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AllInOne.class);

    private final Settings settings;
    private final DataDirectory data;
    private final Deque<Running> running = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private EmbeddedDatabase database;
    private EmbeddedBroker broker;

    private record Running(Service service, ConfigurableApplicationContext context, String label) {
        int port() {
            return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        }
    }

    AllInOne(Settings settings) {
        this.settings = settings;
        this.data = new DataDirectory(settings.dataDirectory());
    }

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("all-in-one: " + e.getMessage());
            System.exit(2);
            return;
        }
        AllInOne cloud = new AllInOne(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(cloud::close, "all-in-one-shutdown"));
        try {
            cloud.start();
        } catch (Exception e) {
            log.error("The all-in-one cloud did not start; stopping what had started", e);
            System.exit(1);
        }
        System.out.println(cloud.banner());
    }

    void start() throws Exception {
        long started = System.nanoTime();
        data.create();
        String adminPassword = data.adminPassword(settings.adminPassword());

        String dbUrl = settings.dbUrl().orElse(null);
        String dbUser = settings.dbUser();
        String dbPassword = settings.dbPassword();
        if (dbUrl == null) {
            database = EmbeddedDatabase.start(data.postgres(), data.postgresLog());
            dbUrl = database.jdbcUrl();
            dbUser = EmbeddedDatabase.USER;
            dbPassword = "";
        }
        String amqpUrl = settings.amqpUrl().orElse(null);
        if (amqpUrl == null) {
            broker = EmbeddedBroker.start(data.broker());
            amqpUrl = broker.amqpUrl();
        }
        data.writeClientFiles(settings, adminPassword);

        for (Service service : settings.services()) {
            if (service == Service.COMPUTE_AGENT) {
                startSimulatedAgents(dbUrl, amqpUrl, adminPassword);
                continue;
            }
            List<String> args = new ArrayList<>(List.of(
                    "--server.port=" + settings.ports().get(service),
                    "--cloud.db.url=" + dbUrl,
                    "--cloud.db.user=" + dbUser,
                    "--cloud.db.password=" + dbPassword,
                    "--cloud.amqp.url=" + amqpUrl,
                    "--cloud.public-host=" + settings.publicHost(),
                    "--cloud.region=" + settings.region(),
                    "--spring.main.banner-mode=off",
                    "--spring.main.log-startup-info=false",
                    // Logging is one per JVM: the last context to start would lend its name to every line.
                    "--logging.include-application-name=false",
                    "--logging.register-shutdown-hook=false"));
            // Every service learns where the others listen: identity for its catalog, the rest to reach identity.
            settings.ports().forEach((other, port) -> args.add("--cloud.service-ports." + other.module() + "=" + port));
            args.add("--cloud.identity.url=http://127.0.0.1:" + settings.ports().get(Service.IDENTITY) + "/v3");
            args.add("--cloud.object.data-path=" + data.objects());
            args.add("--cloud.compute.images.data-path=" + data.images());
            // The admin doubles as the services' account (S3 secret lookups, Placement calls) in the all-in-one.
            args.addAll(serviceAccount(adminPassword));
            if (service == Service.IDENTITY) {
                args.add("--cloud.identity.bootstrap.admin-user=" + settings.adminUser());
                args.add("--cloud.identity.bootstrap.admin-project=" + settings.adminProject());
                args.add("--cloud.identity.bootstrap.admin-password=" + adminPassword);
            }
            run(service, args, service.module());
        }
        log.info("All-in-one cloud started in {} s", (System.nanoTime() - started) / 1_000_000_000);
    }

    /** The arguments an agent gets (a command-line property given twice would be joined with a comma). */
    private List<String> agentArguments(int port, String dbUrl, String amqpUrl) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--cloud.db.url=" + dbUrl,
                "--cloud.amqp.url=" + amqpUrl,
                "--spring.main.banner-mode=off",
                "--spring.main.log-startup-info=false",
                "--logging.include-application-name=false",
                "--logging.register-shutdown-hook=false"));
        args.add("--cloud.identity.url=http://127.0.0.1:" + settings.ports().get(Service.IDENTITY) + "/v3");
        return args;
    }

    /**
     * One compute agent per simulated host file (libvirt's test driver) in {@code CLOUD_SIMULATED_HOSTS}: each
     * registers its host in Placement with the admin's credentials (the all-in-one's service account) and takes
     * builds for it.
     */
    private void startSimulatedAgents(String dbUrl, String amqpUrl, String adminPassword) {
        boolean first = true;
        for (Path hostFile : settings.simulatedHostFiles()) {
            String fileName = hostFile.getFileName().toString();
            String host = "sim-" + fileName.substring(0, fileName.length() - ".xml".length());
            // Only the first agent takes the configured port (for health checks); the others any free one.
            List<String> args = agentArguments(first ? settings.ports().get(Service.COMPUTE_AGENT) : 0, dbUrl,
                    amqpUrl);
            first = false;
            args.add("--cloud.agent.host=" + host);
            args.add("--cloud.agent.libvirt-uri=test://" + hostFile.toAbsolutePath());
            args.add("--cloud.agent.state-dir=" + data.root().resolve("agents").resolve(host));
            args.add("--cloud.agent.instances.images-dir=" + data.images());
            // A demo cloud: an operator's out-of-service file is seen within seconds, not a minute.
            args.add("--cloud.agent.inventory-interval=PT5S");
            args.add("--cloud.agent.placement-url=http://127.0.0.1:" + settings.ports().get(Service.SCHEDULER));
            args.addAll(serviceAccount(adminPassword));
            args.addAll(agentSettingsBeside(hostFile));
            run(Service.COMPUTE_AGENT, args, "compute-agent " + host);
        }
    }

    /**
     * The host's own agent settings, if a {@code <host>.agent.properties} lies beside its file (dedicated CPUs,
     * GPU modes, …): each {@code cloud.agent.*} entry becomes a command-line property of that agent only.
     */
    private static List<String> agentSettingsBeside(Path hostFile) {
        String fileName = hostFile.getFileName().toString();
        Path settingsFile = hostFile.resolveSibling(fileName.substring(0, fileName.length() - ".xml".length())
                + ".agent.properties");
        if (!Files.isRegularFile(settingsFile)) {
            return List.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(settingsFile)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + settingsFile, e);
        }
        List<String> args = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!key.startsWith("cloud.agent.")) {
                throw new IllegalArgumentException(settingsFile + ": only cloud.agent.* settings belong here, not "
                        + key);
            }
            args.add("--" + key + "=" + properties.getProperty(key).trim());
        }
        return args;
    }

    private List<String> serviceAccount(String adminPassword) {
        return List.of("--cloud.service-auth.username=" + settings.adminUser(),
                "--cloud.service-auth.password=" + adminPassword,
                "--cloud.service-auth.project-name=" + settings.adminProject());
    }

    /**
     * Starts one context. Command-line arguments outrank environment variables, so a SERVER_PORT meant for one
     * service cannot move them all; and this class, not each context, decides the order of shutdown.
     */
    private void run(Service service, List<String> args, String label) {
        long serviceStarted = System.nanoTime();
        SpringApplicationBuilder application = service.application().registerShutdownHook(false);
        // Boot would otherwise name this class as every context's main class, in logs and metric tags.
        application.application().getAllSources().stream()
                .filter(Class.class::isInstance).map(Class.class::cast).findFirst().ifPresent(application::main);
        ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
        Running instance = new Running(service, context, label);
        running.push(instance);
        log.info("{} started on port {} in {} ms", label, instance.port(),
                (System.nanoTime() - serviceStarted) / 1_000_000);
    }

    String banner() {
        StringBuilder banner = new StringBuilder("\nGPU cloud all-in-one is running (data in " + data.root() + ")\n");
        running.descendingIterator().forEachRemaining(service -> {
            String base = "http://" + settings.publicHost() + ":" + service.port();
            String where = service.service().apiRoot() == null
                    ? base + "/actuator/health"
                    : base + service.service().apiRoot();
            banner.append(String.format("  %-28s %s%n", service.label(), where));
        });
        banner.append(String.format("  %-20s %s%n", "PostgreSQL", database == null
                ? "external (CLOUD_DB_URL)"
                : "embedded, " + database.tcpJdbcUrl() + " (log: " + data.postgresLog() + ")"));
        banner.append(String.format("  %-20s %s%n", "AMQP broker", broker == null
                ? "external (CLOUD_AMQP_URL)"
                : "embedded Qpid on 127.0.0.1:" + broker.port()));
        banner.append("\nTry:  source ").append(data.openrc()).append(" && openstack token issue\n");
        return banner.toString();
    }

    /** Stops the services (last started first), then the broker, then PostgreSQL. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        while (!running.isEmpty()) {
            Running service = running.pop();
            try {
                service.context().close();
            } catch (RuntimeException e) {
                log.warn("Stopping {} failed", service.service().module(), e);
            }
        }
        if (broker != null) {
            try {
                broker.close();
            } catch (RuntimeException e) {
                log.warn("Stopping the embedded broker failed", e);
            }
        }
        if (database != null) {
            try {
                database.close();
            } catch (RuntimeException e) {
                log.warn("Stopping embedded PostgreSQL failed", e);
            }
        }
        log.info("All-in-one cloud stopped");
    }
}
