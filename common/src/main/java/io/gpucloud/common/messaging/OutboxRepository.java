package io.gpucloud.common.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** SQL on the {@code outbox} table (migration {@code db/common/V0_1__create_outbox.sql}). */
final class OutboxRepository {

    private static final String INSERT = """
            INSERT INTO outbox (message_id, exchange, routing_key, message_type, message_version,
                                request_id, correlation_id, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            """;

    // SKIP LOCKED lets several replicas relay at once: each takes the oldest rows nobody else holds.
    private static final String LOCK_OLDEST_UNSENT = """
            SELECT id, message_id, exchange, routing_key, message_type, message_version,
                   request_id, correlation_id, body::text AS body, created_at
            FROM outbox
            WHERE sent_at IS NULL
            ORDER BY id
            LIMIT ?
            FOR UPDATE SKIP LOCKED
            """;

    // One row per execution, the rows of a pass in one JDBC batch (one round trip): with "id = ANY (?)" PostgreSQL
    // kept planning the statement afresh on every call (a generic plan assumes ten array elements, so it never looks
    // cheaper than a custom one), and the planning cost more than the update.
    private static final String MARK_SENT = """
            UPDATE outbox
            SET sent_at = now(), publish_attempts = publish_attempts + 1, last_error = NULL
            WHERE id = ?
            """;

    private static final String RECORD_FAILED_PUBLISH = """
            UPDATE outbox
            SET publish_attempts = publish_attempts + 1, last_error = ?
            WHERE id = ?
            """;

    private static final String COUNT_UNSENT = "SELECT count(*) FROM outbox WHERE sent_at IS NULL";

    // Deleted in chunks so that a large backlog never holds one long transaction.
    private static final int DELETE_CHUNK = 5_000;
    private static final String DELETE_SENT_BEFORE = """
            DELETE FROM outbox
            WHERE id IN (SELECT id FROM outbox WHERE sent_at < ? LIMIT ?)
            """;

    private final JdbcTemplate jdbc;

    OutboxRepository(JdbcTemplate jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    DataSource dataSource() {
        return requireNonNull(jdbc.getDataSource(), "JdbcTemplate has no DataSource");
    }

    void insert(String exchange, String routingKey, Envelope envelope, byte[] body) {
        jdbc.update(INSERT, envelope.id(), exchange, routingKey, envelope.type(), envelope.version(),
                envelope.requestId(), envelope.correlationId(), new String(body, UTF_8));
    }

    /** Locks and returns the oldest unsent rows; call inside the transaction that will mark them sent. */
    List<OutboxMessage> lockOldestUnsent(int limit) {
        return jdbc.query(LOCK_OLDEST_UNSENT, OutboxRepository::toOutboxMessage, limit);
    }

    void markSent(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(MARK_SENT, ids.stream().map(id -> new Object[] {id}).toList());
    }

    void recordFailedPublish(long id, String error) {
        jdbc.update(RECORD_FAILED_PUBLISH, error, id);
    }

    long countUnsent() {
        Long count = jdbc.queryForObject(COUNT_UNSENT, Long.class);
        return count == null ? 0 : count;
    }

    int deleteSentBefore(Instant cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update(DELETE_SENT_BEFORE, Timestamp.from(cutoff), DELETE_CHUNK);
            total += deleted;
        }
        while (deleted == DELETE_CHUNK);
        return total;
    }

    private static OutboxMessage toOutboxMessage(ResultSet row, int rowNumber) throws SQLException {
        return new OutboxMessage(
                row.getLong("id"),
                row.getObject("message_id", UUID.class),
                row.getString("exchange"),
                row.getString("routing_key"),
                row.getString("message_type"),
                row.getInt("message_version"),
                row.getString("request_id"),
                row.getString("correlation_id"),
                row.getString("body"),
                row.getObject("created_at", OffsetDateTime.class));
    }
}
