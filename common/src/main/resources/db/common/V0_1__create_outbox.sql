-- Transactional outbox of the messaging library (io.gpucloud.common.messaging).
-- A service inserts a row in the same transaction as the state change the message announces;
-- OutboxRelay publishes unsent rows oldest first, waits for the broker's publisher confirm, and only
-- then sets sent_at. Sent rows are deleted after cloud.messaging.relay.sent-retention.
-- Released migrations are frozen: change this table in a new V0_x migration.
CREATE TABLE outbox (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- relay order
    message_id       uuid        NOT NULL UNIQUE,   -- envelope id = AMQP message-id
    exchange         text        NOT NULL,
    routing_key      text        NOT NULL,
    message_type     text        NOT NULL,
    message_version  integer     NOT NULL,
    request_id       text,
    correlation_id   text        NOT NULL,
    body             jsonb       NOT NULL,          -- the whole envelope
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,                   -- set once the broker confirmed the publish
    publish_attempts integer     NOT NULL DEFAULT 0, -- publishes that got a verdict (confirm, nack, timeout)
    last_error       text
);

-- The relay's query: unsent rows in id order. Partial, so it stays small however many rows were sent.
CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL;
-- The retention purge.
CREATE INDEX outbox_sent_at_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL;
