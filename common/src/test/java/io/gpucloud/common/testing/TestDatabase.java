package io.gpucloud.common.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A throw-away database on the real PostgreSQL that the machine runs (127.0.0.1:5432, trust auth),
 * so that test classes never see each other's rows. Override the server with the environment variable
 * {@code CLOUD_TEST_PG} (a JDBC URL of the maintenance database, e.g. {@code jdbc:postgresql://h:5432/postgres}).
 */
public final class TestDatabase implements AutoCloseable {

    private static final String SERVER =
            System.getenv().getOrDefault("CLOUD_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = System.getenv().getOrDefault("CLOUD_TEST_PG_USER", "postgres");

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    /** Creates a new, empty database whose name starts with the given prefix. */
    public static TestDatabase create(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        execute("CREATE DATABASE " + name);
        return new TestDatabase(name);
    }

    public String jdbcUrl() {
        return SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + name;
    }

    public String user() {
        return USER;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER, USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " refused: " + sql, e);
        }
    }
}
