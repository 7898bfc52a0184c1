-- Server groups (affinity policies for the scheduler). Members are the live instances whose server_group names
-- the group (instance.server_group).
CREATE TABLE server_group (
    uuid                 UUID         PRIMARY KEY,
    project_id           VARCHAR(64)  NOT NULL,
    user_id              VARCHAR(64)  NOT NULL,
    name                 VARCHAR(255) NOT NULL,
    policy               VARCHAR(32)  NOT NULL,
    max_server_per_host  INTEGER,
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX server_group_by_project ON server_group (project_id);
CREATE INDEX instance_by_server_group ON instance (server_group) WHERE deleted_at IS NULL;
