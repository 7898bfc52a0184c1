package io.gpucloud.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL run from the zonky binaries, its data kept under the data directory across restarts, listening on
 * localhost only, on a free port (5432 may be taken), and on a Unix-domain socket beside the data directory, which
 * the services' connections use: a round trip through it costs the kernel less than TCP over loopback (pgbench
 * on the 2-vCPU development VM: ~30 % more simple statements per second), and the all-in-one makes dozens per
 * server it builds. The TCP port stays for psql and other tools. As root, zonky runs initdb and the server in a
 * user namespace (unshare -U), since PostgreSQL refuses to run as root.
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "gpucloud";
    static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /** pgjdbc's socket factory that connects to the Unix-domain socket named by {@code socketFactoryArg}. */
    private static final String UNIX_SOCKET_FACTORY = "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";
    /** Longest socket path the kernel accepts (sun_path is 108 bytes with its terminating NUL). */
    private static final int MAX_SOCKET_PATH = 107;

    private final EmbeddedPostgres postgres;
    private final Optional<Path> socketDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Optional<Path> socketDirectory) {
        this.postgres = postgres;
        this.socketDirectory = socketDirectory;
    }

    /** Starts PostgreSQL on {@code dataDirectory} (created and initialised when empty) and makes the database. */
    static EmbeddedDatabase start(Path dataDirectory, Path logFile) throws IOException {
        Files.createDirectories(dataDirectory);
        stopOrphan(dataDirectory);
        Path sockets = dataDirectory.toAbsolutePath().resolveSibling("postgres-socket");
        // The path has to fit the kernel's limit with the port-numbered file name PostgreSQL puts in it.
        Optional<Path> socketDirectory = sockets.toString().length() + "/.s.PGSQL.65535".length() <= MAX_SOCKET_PATH
                ? Optional.of(Files.createDirectories(sockets)) : Optional.empty();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // zonky's defaults suit throw-away test databases (-F, no synchronous commit); this one keeps data.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("unix_socket_directories", socketDirectory.map(Path::toString).orElse(""))
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, socketDirectory);
        try {
            database.createDatabaseIfMissing();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** The services' URL: through the Unix-domain socket when there is one. */
    String jdbcUrl() {
        // The host is a name, not 127.0.0.1: junixsocket maps only an unresolved host name to the socket file.
        return socketDirectory.map(directory -> "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE
                + "?socketFactory=" + UNIX_SOCKET_FACTORY + "&socketFactoryArg="
                + directory.resolve(".s.PGSQL." + postgres.getPort())).orElse(jdbcUrl(DATABASE));
    }

    /** For people and tools: TCP on localhost. */
    String tcpJdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    int port() {
        return postgres.getPort();
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
            log.info("Created database {}", DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + DATABASE + " on embedded PostgreSQL", e);
        }
    }

    /**
     * pg_ctl daemonises the server, so a launcher that was killed leaves it running and holding the data
     * directory; the next start would then fail on postmaster.pid. Ask such a server to stop first.
     */
    private static void stopOrphan(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> server = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::trim)
                .filter(line -> line.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false));
        if (server.isEmpty()) {
            return; // stale file: PostgreSQL itself removes it on start
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier launcher", server.get().pid(), dataDirectory);
        server.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown, which no longer waits on the dead launcher
        try {
            server.get().onExit().get(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping PostgreSQL pid " + server.get().pid(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("PostgreSQL pid " + server.get().pid() + " did not stop; stop it, then start again", e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
