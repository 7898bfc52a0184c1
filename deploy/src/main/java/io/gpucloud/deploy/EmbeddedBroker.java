package io.gpucloud.deploy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AMQP 0-9-1 broker in this JVM: Qpid Broker-J with a Derby message store under the data directory, so durable
 * queues and persistent messages survive a restart. It listens on 127.0.0.1 only, and its one user gets a fresh
 * random password at every start (the broker's own configuration is rebuilt from this class each time).
 */
final class EmbeddedBroker implements AutoCloseable {

    static final String VIRTUAL_HOST = "default";
    static final String USER = "cloud";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    // Types must be literal: Qpid does not interpolate "type" (FEASIBILITY.md, pitfall 10).
    private static final String CONFIGURATION = """
            {
              "name": "gpucloud-broker",
              "modelVersion": "9.1",
              "authenticationproviders": [{
                "name": "plain", "type": "Plain", "secureOnlyMechanisms": [],
                "users": [{"name": "%s", "type": "managed", "password": "%s"}]
              }],
              "ports": [{
                "name": "AMQP", "port": %d, "bindingAddress": "127.0.0.1", "authenticationProvider": "plain",
                "virtualhostaliases": [
                  {"name": "nameAlias", "type": "nameAlias"},
                  {"name": "defaultAlias", "type": "defaultAlias"}
                ]
              }],
              "virtualhostnodes": [{
                "name": "%s", "type": "DERBY", "defaultVirtualHostNode": "true",
                "virtualHostInitialConfiguration": "{\\"type\\": \\"ProvidedStore\\"}"
              }]
            }
            """;

    private final SystemLauncher launcher;
    private final int port;
    private final String password;

    private EmbeddedBroker(SystemLauncher launcher, int port, String password) {
        this.launcher = launcher;
        this.port = port;
        this.password = password;
    }

    /** Starts the broker on a free port (5672 may be taken), keeping its store in {@code workDirectory}. */
    static EmbeddedBroker start(Path workDirectory) throws Exception {
        Files.createDirectories(workDirectory);
        int port = freePort();
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Path configuration = workDirectory.resolve("initial-config.json");
        Files.writeString(configuration, CONFIGURATION.formatted(USER, password, port, VIRTUAL_HOST));
        Files.setPosixFilePermissions(configuration, PosixFilePermissions.fromString("rw-------"));
        // Qpid's default is a classpath: URL, which the JDK cannot open inside a Spring Boot fat jar.
        Path systemProperties = workDirectory.resolve("system.properties");
        if (!Files.exists(systemProperties)) {
            Files.writeString(systemProperties, "");
        }
        // Derby would otherwise write derby.log into the working directory.
        System.setProperty("derby.stream.error.file", workDirectory.resolve("derby.log").toString());

        AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
        SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void onContainerResolve(SystemConfig<?> systemConfig) {
                system.set(systemConfig);
            }
        });
        launcher.startup(Map.of(
                SystemConfig.TYPE, "Memory",
                SystemConfig.INITIAL_CONFIGURATION_LOCATION, configuration.toUri().toString(),
                SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, systemProperties.toUri().toString(),
                SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false,
                SystemConfig.CONTEXT, Map.of(
                        SystemConfig.QPID_WORK_DIR, workDirectory.toString(),
                        SystemConfig.PROPERTY_QPID_WORK, workDirectory.toString())));
        withdrawShutdownHook(system.get());
        return new EmbeddedBroker(launcher, port, password);
    }

    /**
     * Qpid stops itself from a JVM shutdown hook of its own, which would race the launcher's hook and pull the
     * broker from under services that are still stopping. The launcher stops the broker itself, after them.
     */
    private static void withdrawShutdownHook(SystemConfig<?> systemConfig) {
        try {
            Object broker = systemConfig.getContainer(Broker.class);
            Field hook = declaredField(broker.getClass(), "_shutdownHook");
            hook.setAccessible(true);
            Runtime.getRuntime().removeShutdownHook((Thread) hook.get(broker));
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Cannot take over the embedded broker's shutdown hook; on exit it may stop before the services", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Field declaredField(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look further up: the runtime class is a subclass Qpid generates
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    /** The URI clients use, e.g. {@code amqp://cloud:secret@127.0.0.1:41234/default}. */
    String amqpUrl() {
        return "amqp://" + USER + ":" + password + "@127.0.0.1:" + port + "/" + VIRTUAL_HOST;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        launcher.shutdown();
    }
}
