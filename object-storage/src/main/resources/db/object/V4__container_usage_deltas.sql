-- Object writes no longer lock their container's row.
--
-- Until now every PUT and DELETE of an object locked the container row (SELECT ... FOR UPDATE) and updated
-- its object_count and bytes_used. That lock was held until the commit, so the writes of one container --
-- the common case: a data set uploaded by many clients at once -- committed one after the other, each with
-- its own WAL flush, and PostgreSQL spent ~0.6 ms of CPU per upload on it (2,000-2,500 calls/s from 8
-- clients). Now:
--
-- * concurrent writes of one KEY are put in an order by the object's own row (locked, or inserted), not by
--   the container's;
-- * a write's change to the counts is a row appended to container_usage_delta, in the same transaction as
--   the object row, so nobody waits for anybody and commits are flushed in groups;
-- * a reader adds a container's pending deltas to its row: counts stay exact (one statement, one snapshot);
-- * the service folds the deltas into the container rows every few seconds (fold_container_usage below),
--   moving them in one statement, so a reader sees each delta either pending or folded, never both.
--
-- No foreign key from the deltas to the container: that would take a key-share lock on the container row
-- for every write (the object row's foreign key already takes one), and deltas of a container deleted
-- meanwhile are harmless (ids are never reused; the fold matches no row and drops them).

CREATE TABLE container_usage_delta (
    container_id  bigint NOT NULL,
    objects       bigint NOT NULL,
    bytes         bigint NOT NULL
);
CREATE INDEX container_usage_delta_container_idx ON container_usage_delta (container_id);

-- What an object counts towards usage: its own bytes, except a static large object's manifest (its segments
-- are counted where they are stored).
CREATE FUNCTION counted_bytes(o object) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN o.slo_manifest IS NULL THEN o.size ELSE 0 END
$$;

-- Same contract as V3's: makes the given version the current one of its key, returns the container's id (NULL:
-- no such container, nothing written), whether the key had a version, and the files that version used.
-- A container deleted between the lookup and the insert makes the insert fail its foreign key (SQLSTATE
-- 23503); the caller reports that as a missing container too.
CREATE OR REPLACE FUNCTION put_object(p_account text, p_container text, p_name text, p_size bigint, p_etag text,
        p_content_type text, p_last_modified timestamptz, p_data_id uuid, p_slo_manifest jsonb,
        p_dlo_manifest text, p_metadata jsonb, p_multipart_upload_id uuid,
        OUT out_container_id bigint, OUT out_found boolean, OUT out_replaced_files uuid[])
LANGUAGE plpgsql AS $$
DECLARE
    previous object%ROWTYPE;
    objects_delta bigint;
    bytes_delta bigint;
BEGIN
    out_found := false;
    SELECT id INTO out_container_id FROM container WHERE account = p_account AND name = p_container;
    IF out_container_id IS NULL THEN
        RETURN;
    END IF;
    LOOP
        -- Each statement sees the latest commits (READ COMMITTED): a version another writer committed while
        -- this one waited for its lock is the one replaced here.
        SELECT * INTO previous FROM object WHERE container_id = out_container_id AND name = p_name FOR UPDATE;
        IF FOUND THEN
            UPDATE object SET
                size = p_size, etag = p_etag, content_type = p_content_type, last_modified = p_last_modified,
                data_id = p_data_id, slo_manifest = p_slo_manifest, dlo_manifest = p_dlo_manifest,
                metadata = p_metadata, multipart_upload_id = p_multipart_upload_id
            WHERE container_id = out_container_id AND name = p_name;
            out_found := true;
            EXIT;
        END IF;
        INSERT INTO object (container_id, name, size, etag, content_type, last_modified, data_id, slo_manifest,
                            dlo_manifest, metadata, multipart_upload_id)
        VALUES (out_container_id, p_name, p_size, p_etag, p_content_type, p_last_modified, p_data_id,
                p_slo_manifest, p_dlo_manifest, p_metadata, p_multipart_upload_id)
        ON CONFLICT (container_id, name) DO NOTHING;
        EXIT WHEN FOUND;
        -- Another writer inserted the key first (and committed): lock and replace its version.
    END LOOP;
    objects_delta := CASE WHEN out_found THEN 0 ELSE 1 END;
    bytes_delta := CASE WHEN p_slo_manifest IS NULL THEN p_size ELSE 0 END
        - CASE WHEN out_found THEN counted_bytes(previous) ELSE 0 END;
    IF objects_delta <> 0 OR bytes_delta <> 0 THEN
        INSERT INTO container_usage_delta (container_id, objects, bytes)
        VALUES (out_container_id, objects_delta, bytes_delta);
    END IF;
    IF out_found THEN
        out_replaced_files := released_files(previous);
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION delete_object(p_account text, p_container text, p_name text,
        OUT out_container_id bigint, OUT out_found boolean, OUT out_replaced_files uuid[])
LANGUAGE plpgsql AS $$
DECLARE
    previous object%ROWTYPE;
BEGIN
    out_found := false;
    SELECT id INTO out_container_id FROM container WHERE account = p_account AND name = p_container;
    IF out_container_id IS NULL THEN
        RETURN;
    END IF;
    DELETE FROM object WHERE container_id = out_container_id AND name = p_name RETURNING * INTO previous;
    out_found := FOUND;
    IF NOT out_found THEN
        RETURN;
    END IF;
    INSERT INTO container_usage_delta (container_id, objects, bytes)
    VALUES (out_container_id, -1, -counted_bytes(previous));
    out_replaced_files := released_files(previous);
END
$$;

-- Moves every pending delta into its container's row, in one statement (readers see before or after).
-- Replicas may run it at once: a delta is deleted, hence counted, by one of them only. Returns the number of
-- deltas folded.
CREATE FUNCTION fold_container_usage() RETURNS bigint
LANGUAGE sql AS $$
    WITH moved AS (
        DELETE FROM container_usage_delta RETURNING container_id, objects, bytes
    ), sums AS (
        SELECT container_id, sum(objects) AS objects, sum(bytes) AS bytes, count(*) AS deltas
        FROM moved GROUP BY container_id
    ), folded AS (
        UPDATE container c SET object_count = c.object_count + s.objects, bytes_used = c.bytes_used + s.bytes
        FROM sums s WHERE c.id = s.container_id
    )
    SELECT coalesce(sum(deltas), 0)::bigint FROM sums
$$;
