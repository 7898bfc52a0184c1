-- The compute hosts the API has heard from (HostHeartbeat events), so that it can tell a live host from a dead
-- one: deleting a server on a dead host completes at once (local delete), and os-services / os-hypervisors
-- report each host's state. The scheduler keeps its own record for scheduling; this one is the API's view.
CREATE TABLE compute_host (
    id               SERIAL       NOT NULL UNIQUE,
    host             VARCHAR(255) PRIMARY KEY,
    host_provider    UUID         NOT NULL,
    last_heartbeat   TIMESTAMPTZ  NOT NULL,
    interval_seconds INTEGER      NOT NULL,
    instances        INTEGER      NOT NULL
);
