package io.gpucloud.compute.host;

import io.gpucloud.common.messaging.contract.HostHeartbeat;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ComputeHostRepository {

    private static final String COLUMNS = "id, host, host_provider, last_heartbeat, interval_seconds, instances,"
            + " disabled, disabled_reason, forced_down";

    private final JdbcClient jdbc;

    ComputeHostRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a heartbeat unless a later one is already recorded (heartbeats may arrive out of order). */
    void record(HostHeartbeat heartbeat) {
        jdbc.sql("""
                INSERT INTO compute_host (host, host_provider, last_heartbeat, interval_seconds, instances)
                VALUES (:host, :provider, :sentAt, :interval, :instances)
                ON CONFLICT (host) DO UPDATE SET host_provider = excluded.host_provider,
                    last_heartbeat = excluded.last_heartbeat, interval_seconds = excluded.interval_seconds,
                    instances = excluded.instances
                WHERE compute_host.last_heartbeat < excluded.last_heartbeat
                """).param("host", heartbeat.host()).param("provider", heartbeat.hostProvider())
                .param("sentAt", Timestamp.from(heartbeat.sentAt())).param("interval", heartbeat.interval())
                .param("instances", heartbeat.instances()).update();
    }

    void updateStatus(String host, boolean disabled, String disabledReason, boolean forcedDown) {
        jdbc.sql("""
                UPDATE compute_host SET disabled = :disabled, disabled_reason = :reason, forced_down = :forcedDown
                WHERE host = :host
                """).param("host", host).param("disabled", disabled).param("reason", disabledReason)
                .param("forcedDown", forcedDown).update();
    }

    Optional<ComputeHost> findByProvider(UUID provider) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM compute_host WHERE host_provider = :provider")
                .param("provider", provider).query(ComputeHostRepository::row).optional();
    }

    Optional<ComputeHost> find(String host) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM compute_host WHERE host = :host").param("host", host)
                .query(ComputeHostRepository::row).optional();
    }

    List<ComputeHost> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM compute_host ORDER BY id").query(ComputeHostRepository::row).list();
    }

    private static ComputeHost row(ResultSet rs, int n) throws SQLException {
        return new ComputeHost(rs.getInt(1), rs.getString(2), rs.getObject(3, UUID.class),
                rs.getTimestamp(4).toInstant(), rs.getInt(5), rs.getInt(6), rs.getBoolean(7), rs.getString(8),
                rs.getBoolean(9));
    }
}
