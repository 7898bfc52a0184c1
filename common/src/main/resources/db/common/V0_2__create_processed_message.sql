-- Message ids a consumer has handled, for idempotent consumers (io.gpucloud.common.messaging).
-- The row is inserted in the same transaction as the handler's work, so it exists exactly when that work
-- committed; a redelivered id finds it and is acknowledged without running the handler again.
-- Rows older than cloud.messaging.consumer.processed-retention are deleted.
CREATE TABLE processed_message (
    consumer     text        NOT NULL, -- the queue name
    message_id   uuid        NOT NULL, -- envelope id
    message_type text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);

CREATE INDEX processed_message_processed_at_idx ON processed_message (processed_at);
