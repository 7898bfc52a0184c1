package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** SQL on the {@code processed_message} table (migration {@code db/common/V0_2__create_processed_message.sql}). */
final class ProcessedMessages {

    // ON CONFLICT DO NOTHING: a concurrent duplicate waits on the primary key until the first transaction
    // ends, then inserts nothing (first committed) or inserts (first rolled back), which is what we want.
    private static final String INSERT_IF_ABSENT = """
            INSERT INTO processed_message (consumer, message_id, message_type)
            VALUES (?, ?, ?)
            ON CONFLICT DO NOTHING
            """;

    private static final String DELETE_PROCESSED_BEFORE = "DELETE FROM processed_message WHERE processed_at < ?";

    private final JdbcTemplate jdbc;

    ProcessedMessages(JdbcTemplate jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /** Records the id for the consumer; false when it was already recorded, i.e. the message is a duplicate. */
    boolean markProcessed(String consumer, UUID messageId, String messageType) {
        return jdbc.update(INSERT_IF_ABSENT, consumer, messageId, messageType) == 1;
    }

    int deleteProcessedBefore(Instant cutoff) {
        return jdbc.update(DELETE_PROCESSED_BEFORE, Timestamp.from(cutoff));
    }
}
