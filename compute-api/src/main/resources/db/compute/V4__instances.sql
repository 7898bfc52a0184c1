-- Servers. One row per instance, kept after deletion (deleted_at set) so that usage keeps counting its
-- GPU-hours and a late event about it changes nothing. The flavor is frozen at create time (later edits to
-- the flavor do not change a server).

CREATE TABLE instance (
    uuid               UUID          PRIMARY KEY,
    project_id         VARCHAR(64)   NOT NULL,
    user_id            VARCHAR(64)   NOT NULL,
    name               VARCHAR(255)  NOT NULL,
    flavor             JSONB         NOT NULL,     -- {id, name, vcpus, ram, disk, ephemeral, swap, extra_specs}
    image_uuid         UUID,
    key_name           VARCHAR(255),
    user_data          TEXT,
    metadata           JSONB         NOT NULL DEFAULT '{}',
    availability_zone  VARCHAR(255),
    access_ipv4        VARCHAR(64)   NOT NULL DEFAULT '',
    access_ipv6        VARCHAR(64)   NOT NULL DEFAULT '',
    disk_config        VARCHAR(16)   NOT NULL DEFAULT 'MANUAL',
    scheduler_hints    JSONB         NOT NULL DEFAULT '{}',
    server_group       UUID,
    vm_state           VARCHAR(16)   NOT NULL,
    task_state         VARCHAR(16),
    power_state        VARCHAR(16)   NOT NULL,
    host               VARCHAR(200),
    gpus               JSONB         NOT NULL DEFAULT '[]', -- [{provider, name, resource_class, amount}] on the host
    fault              JSONB,                               -- {code, message, details, created}
    last_observed_at   TIMESTAMPTZ,                         -- newest host report applied (older ones are ignored)
    created_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    launched_at        TIMESTAMPTZ,
    deleted_at         TIMESTAMPTZ
);

-- Listing a project's live servers newest first, and paging by (created_at, uuid).
CREATE INDEX instance_by_project ON instance (project_id, created_at DESC, uuid) WHERE deleted_at IS NULL;
CREATE INDEX instance_live ON instance (created_at DESC, uuid) WHERE deleted_at IS NULL;
