-- Per-project quota overrides (absent: the configured default). Usage is not stored: it is counted from the live
-- instances under a per-project lock, so it cannot drift.
CREATE TABLE quota_limit (
    project_id   VARCHAR(64)  NOT NULL,
    resource     VARCHAR(64)  NOT NULL,
    hard_limit   INTEGER      NOT NULL,
    PRIMARY KEY (project_id, resource)
);

-- GPUs (or slices) per resource class an instance holds, from its flavor: {"PGPU": 2}.
ALTER TABLE instance ADD COLUMN gpu_resources JSONB NOT NULL DEFAULT '{}';
