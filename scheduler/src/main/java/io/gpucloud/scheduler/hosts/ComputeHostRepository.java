package io.gpucloud.scheduler.hosts;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code compute_host} table. Times are PostgreSQL's ({@code now()}), so replicas' clocks do not matter. */
@Repository
class ComputeHostRepository {

    private static final String COLUMNS = """
            host, provider_uuid, last_heartbeat, heartbeat_interval, instances, down_marked, down_since, trait_added""";

    private final JdbcClient jdbc;

    ComputeHostRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /** Records a heartbeat and returns the row as it was before (empty for a host heard for the first time), locked. */
    Optional<ComputeHost> recordHeartbeat(String host, UUID provider, int interval, int instances) {
        Optional<ComputeHost> before = jdbc.sql("SELECT " + COLUMNS + " FROM compute_host WHERE host = :host FOR UPDATE")
                .param("host", host).query(ComputeHostRepository::row).optional();
        jdbc.sql("""
                INSERT INTO compute_host (host, provider_uuid, last_heartbeat, heartbeat_interval, instances)
                VALUES (:host, :provider, now(), :interval, :instances)
                ON CONFLICT (host) DO UPDATE SET provider_uuid = EXCLUDED.provider_uuid, last_heartbeat = now(),
                    heartbeat_interval = EXCLUDED.heartbeat_interval, instances = EXCLUDED.instances
                """).param("host", host).param("provider", provider).param("interval", interval)
                .param("instances", instances).update();
        return before;
    }

    void markUp(String host) {
        jdbc.sql("UPDATE compute_host SET down_marked = FALSE, down_since = NULL, trait_added = FALSE WHERE host = :host")
                .param("host", host).update();
    }

    /**
     * Hosts not yet marked down whose last heartbeat is older than {@code missed} of their intervals and at least
     * {@code minimum}, locked; rows another replica is handling are skipped.
     */
    List<ComputeHost> lockSilent(int missed, Duration minimum) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM compute_host
                WHERE NOT down_marked
                  AND last_heartbeat < now() - GREATEST(heartbeat_interval * :missed, :minimum) * interval '1 second'
                FOR UPDATE SKIP LOCKED
                """).param("missed", missed).param("minimum", minimum.toSeconds())
                .query(ComputeHostRepository::row).list();
    }

    void markDown(String host, boolean traitAdded) {
        jdbc.sql("UPDATE compute_host SET down_marked = TRUE, down_since = now(), trait_added = :added WHERE host = :host")
                .param("host", host).param("added", traitAdded).update();
    }

    List<ComputeHost> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM compute_host ORDER BY host").query(ComputeHostRepository::row)
                .list();
    }

    private static ComputeHost row(ResultSet rs, int rowNumber) throws SQLException {
        Timestamp downSince = rs.getTimestamp(7);
        return new ComputeHost(rs.getString(1), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(),
                rs.getInt(4), rs.getInt(5), rs.getBoolean(6), downSince == null ? null : downSince.toInstant(),
                rs.getBoolean(8));
    }
}
