-- The scheduler worker's own state: one row per instance it has placed (for retries on another host), and
-- the members of server groups (their hosts are read from their allocations).

CREATE TABLE scheduling_request (
    instance_uuid  UUID         PRIMARY KEY,
    project_id     VARCHAR(255) NOT NULL,
    request        TEXT         NOT NULL,           -- the ScheduleInstance payload as JSON
    state          VARCHAR(16)  NOT NULL,           -- BUILDING or FAILED (SchedulingState)
    attempt        INTEGER      NOT NULL,
    host_provider  UUID,                            -- root provider of the host of the current attempt
    host           VARCHAR(200),
    tried_hosts    UUID[]       NOT NULL DEFAULT '{}',
    failures       TEXT         NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE server_group_member (
    group_uuid    UUID NOT NULL,
    instance_uuid UUID NOT NULL,
    PRIMARY KEY (group_uuid, instance_uuid)
);
