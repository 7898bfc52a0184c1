package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes sent outbox rows and remembered message ids once they are older than their retention. */
final class MessageRetention {

    private static final Logger log = LoggerFactory.getLogger(MessageRetention.class);

    private final OutboxRepository outbox;
    private final ProcessedMessages processedMessages;
    private final Duration sentRetention;
    private final Duration processedRetention;

    MessageRetention(OutboxRepository outbox, ProcessedMessages processedMessages, Duration sentRetention,
            Duration processedRetention) {
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.processedMessages = requireNonNull(processedMessages, "processedMessages is null");
        this.sentRetention = requireNonNull(sentRetention, "sentRetention is null");
        this.processedRetention = requireNonNull(processedRetention, "processedRetention is null");
    }

    void purgeExpired() {
        Instant now = Instant.now();
        int sentRows = outbox.deleteSentBefore(now.minus(sentRetention));
        int processedRows = processedMessages.deleteProcessedBefore(now.minus(processedRetention));
        if (sentRows > 0 || processedRows > 0) {
            log.info("Purged {} sent outbox rows older than {} and {} processed message ids older than {}",
                    sentRows, sentRetention, processedRows, processedRetention);
        }
    }
}
