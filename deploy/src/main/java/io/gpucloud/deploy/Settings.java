package io.gpucloud.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the launcher is told, all from environment variables:
 *
 * <pre>
 * CLOUD_DATA_DIR          data directory (default ./var/all-in-one)
 * CLOUD_PUBLIC_HOST       host name or address clients use (default 127.0.0.1)
 * CLOUD_REGION            region name (default RegionOne)
 * CLOUD_DB_URL            JDBC URL of an existing PostgreSQL database; without it PostgreSQL runs embedded
 * CLOUD_DB_USER, CLOUD_DB_PASSWORD
 * CLOUD_AMQP_URL          amqp:// URI of an existing broker; without it Qpid Broker-J runs embedded
 * CLOUD_ADMIN_PASSWORD    the admin's password; without it one is generated once into DATA/admin-password
 * CLOUD_IDENTITY_BOOTSTRAP_ADMIN_USER, CLOUD_IDENTITY_BOOTSTRAP_ADMIN_PROJECT   (default admin, admin)
 * CLOUD_PORT_OFFSET       added to every default port, e.g. 10000 for a second cloud on one machine
 * CLOUD_PORT_IDENTITY, CLOUD_PORT_COMPUTE_API, ...   one service's port (wins over the offset)
 * CLOUD_SERVICES          comma-separated modules to run (default all), e.g. identity,compute-api
 * CLOUD_SIMULATED_HOSTS   folder of simulated GPU host files (libvirt test driver), one compute agent per *.xml
 *                         (default ./deploy/hosts when it exists; set it empty for no agents)
 * </pre>
 */
record Settings(
        Path dataDirectory,
        String publicHost,
        String region,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        Optional<String> amqpUrl,
        Optional<String> adminPassword,
        String adminUser,
        String adminProject,
        Map<Service, Integer> ports,
        List<Service> services,
        Optional<Path> simulatedHosts) {

    static Settings fromEnvironment(Map<String, String> env) {
        int offset = port(env, "CLOUD_PORT_OFFSET", 0);
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            int fallback = service.defaultPort() == 0 ? 0 : service.defaultPort() + offset;
            ports.put(service, port(env, service.portVariable(), fallback));
        }
        List<Service> services = value(env, "CLOUD_SERVICES")
                .map(list -> Arrays.stream(list.split(",")).filter(s -> !s.isBlank()).map(Service::ofModule).distinct().sorted().toList())
                .orElse(List.of(Service.values()));
        return new Settings(
                Path.of(value(env, "CLOUD_DATA_DIR").orElse("var/all-in-one")).toAbsolutePath().normalize(),
                value(env, "CLOUD_PUBLIC_HOST").orElse("127.0.0.1"),
                value(env, "CLOUD_REGION").orElse("RegionOne"),
                value(env, "CLOUD_DB_URL"),
                value(env, "CLOUD_DB_USER").orElse("postgres"),
                env.getOrDefault("CLOUD_DB_PASSWORD", ""),
                value(env, "CLOUD_AMQP_URL"),
                value(env, "CLOUD_ADMIN_PASSWORD"),
                value(env, "CLOUD_IDENTITY_BOOTSTRAP_ADMIN_USER").orElse("admin"),
                value(env, "CLOUD_IDENTITY_BOOTSTRAP_ADMIN_PROJECT").orElse("admin"),
                Map.copyOf(ports),
                services,
                env.containsKey("CLOUD_SIMULATED_HOSTS")
                        ? value(env, "CLOUD_SIMULATED_HOSTS").map(Path::of)
                        : Optional.of(Path.of("deploy", "hosts")).filter(Files::isDirectory));
    }

    /** The simulated host files, in name order; none when the folder is unset or missing. */
    List<Path> simulatedHostFiles() {
        if (simulatedHosts.isEmpty() || !Files.isDirectory(simulatedHosts.get())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(simulatedHosts.get())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + simulatedHosts.get(), e);
        }
    }

    /** The Keystone URL clients authenticate against. */
    String authUrl() {
        return "http://" + publicHost + ":" + ports.get(Service.IDENTITY) + "/v3";
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        Optional<String> text = value(env, name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(text.get());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a port number (0-65535), not '" + text.get() + "'");
    }
}
