-- The object store's metadata. Object bodies live in files named by data_id under the data path;
-- nothing here or there is named after a user's key.
--
-- Names are COLLATE "C": PostgreSQL then compares them byte by byte, which for UTF-8 is code point
-- order, the order Swift and S3 list in. The unique indexes below are what listings walk:
--   SELECT ... FROM object WHERE container_id = ? AND name > ? ORDER BY name LIMIT ?
-- is one index seek plus a short range scan, however many objects the container holds.

-- A Swift account (AUTH_<project id>), made on first write. S3 sees the same project's containers as buckets.
CREATE TABLE account (
    project_id  text PRIMARY KEY,
    metadata    jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- object_count and bytes_used change in the same transaction as the object rows they count, so they are
-- exact. Every write to a container locks its row (SELECT ... FOR UPDATE) first: that lock is what puts
-- concurrent writes of one key in an order.
CREATE TABLE container (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account       text NOT NULL REFERENCES account (project_id),
    name          text COLLATE "C" NOT NULL,
    object_count  bigint NOT NULL DEFAULT 0,
    bytes_used    bigint NOT NULL DEFAULT 0,
    metadata      jsonb NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT container_account_name_key UNIQUE (account, name)
);

-- One row per current object version. data_id names the body's file; a static large object has no file
-- of its own but a segment list (slo_manifest); a dynamic large object keeps its (usually empty) body and
-- names the container/prefix of its segments (dlo_manifest).
CREATE TABLE object (
    container_id   bigint NOT NULL REFERENCES container (id),
    name           text COLLATE "C" NOT NULL,
    size           bigint NOT NULL CHECK (size >= 0),
    etag           text NOT NULL,
    content_type   text NOT NULL,
    last_modified  timestamptz NOT NULL,
    data_id        uuid,
    slo_manifest   jsonb,
    dlo_manifest   text,
    metadata       jsonb NOT NULL DEFAULT '{}',
    CONSTRAINT object_pkey PRIMARY KEY (container_id, name),
    CONSTRAINT object_has_body CHECK ((data_id IS NULL) <> (slo_manifest IS NULL))
);

-- The garbage collector asks, for a batch of files it found, which ones a row still names.
CREATE UNIQUE INDEX object_data_id_key ON object (data_id) WHERE data_id IS NOT NULL;
