-- Compute hosts as their agents' heartbeats describe them. A host whose heartbeats stop is marked down: its
-- root provider gets COMPUTE_STATUS_DISABLED (which the scheduler forbids). trait_added says that the marker,
-- not an operator, put the trait there, so the marker takes it away again when heartbeats resume only then.

CREATE TABLE compute_host (
    host               VARCHAR(200) PRIMARY KEY,
    provider_uuid      UUID         NOT NULL,
    last_heartbeat     TIMESTAMPTZ  NOT NULL,
    heartbeat_interval INTEGER      NOT NULL,
    instances          INTEGER      NOT NULL DEFAULT 0,
    down_marked        BOOLEAN      NOT NULL DEFAULT FALSE,
    trait_added        BOOLEAN      NOT NULL DEFAULT FALSE,
    down_since         TIMESTAMPTZ
);

CREATE INDEX compute_host_by_heartbeat ON compute_host (last_heartbeat) WHERE NOT down_marked;
