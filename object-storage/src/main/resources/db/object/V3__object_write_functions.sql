-- Object writes in one round trip. A PUT used to run five statements in a transaction (lock the container,
-- read the key's row, upsert it, update the container's counts, commit), each a round trip to the database
-- and through the connection pool; these functions do the same work in one call, so that a plain upload or
-- delete needs no explicit transaction at all. They run in the caller's transaction when there is one
-- (multipart completion calls put_object inside its own).
--
-- Each statement of a PL/pgSQL function takes a fresh snapshot under READ COMMITTED, so the row read
-- after the container lock is the latest committed version: writers of one container still commit one
-- after the other and the counts stay exact.
--
-- What an object counts towards container and account usage: its own bytes, except a static large
-- object's manifest, whose segments are counted where they are stored.

-- Makes the given version the current one of its key. Returns the container's id (NULL when the container
-- does not exist: nothing was written), whether the key had a version, and the files that version used,
-- which the caller removes after the commit (a plain body, or a multipart object's part files, whose rows
-- go here).
CREATE FUNCTION put_object(p_account text, p_container text, p_name text, p_size bigint, p_etag text,
        p_content_type text, p_last_modified timestamptz, p_data_id uuid, p_slo_manifest jsonb,
        p_dlo_manifest text, p_metadata jsonb, p_multipart_upload_id uuid,
        OUT out_container_id bigint, OUT out_found boolean, OUT out_replaced_files uuid[])
LANGUAGE plpgsql AS $$
DECLARE
    previous object%ROWTYPE;
BEGIN
    out_found := false;
    SELECT id INTO out_container_id FROM container
        WHERE account = p_account AND name = p_container FOR UPDATE;
    IF out_container_id IS NULL THEN
        RETURN;
    END IF;
    SELECT * INTO previous FROM object WHERE container_id = out_container_id AND name = p_name;
    out_found := FOUND;
    INSERT INTO object (container_id, name, size, etag, content_type, last_modified, data_id, slo_manifest,
                        dlo_manifest, metadata, multipart_upload_id)
    VALUES (out_container_id, p_name, p_size, p_etag, p_content_type, p_last_modified, p_data_id, p_slo_manifest,
            p_dlo_manifest, p_metadata, p_multipart_upload_id)
    ON CONFLICT (container_id, name) DO UPDATE SET
        size = excluded.size, etag = excluded.etag, content_type = excluded.content_type,
        last_modified = excluded.last_modified, data_id = excluded.data_id, slo_manifest = excluded.slo_manifest,
        dlo_manifest = excluded.dlo_manifest, metadata = excluded.metadata,
        multipart_upload_id = excluded.multipart_upload_id;
    UPDATE container SET
        object_count = object_count + CASE WHEN out_found THEN 0 ELSE 1 END,
        bytes_used = bytes_used + CASE WHEN p_slo_manifest IS NULL THEN p_size ELSE 0 END
            - CASE WHEN out_found AND previous.slo_manifest IS NULL THEN previous.size ELSE 0 END,
        updated_at = now()
    WHERE id = out_container_id;
    IF out_found THEN
        out_replaced_files := released_files(previous);
    END IF;
END
$$;

-- Removes a key's current version. Returns the container's id (NULL: no such container), whether the key
-- existed, and the files to remove after the commit.
CREATE FUNCTION delete_object(p_account text, p_container text, p_name text,
        OUT out_container_id bigint, OUT out_found boolean, OUT out_replaced_files uuid[])
LANGUAGE plpgsql AS $$
DECLARE
    previous object%ROWTYPE;
BEGIN
    out_found := false;
    SELECT id INTO out_container_id FROM container
        WHERE account = p_account AND name = p_container FOR UPDATE;
    IF out_container_id IS NULL THEN
        RETURN;
    END IF;
    DELETE FROM object WHERE container_id = out_container_id AND name = p_name RETURNING * INTO previous;
    out_found := FOUND;
    IF NOT out_found THEN
        RETURN;
    END IF;
    UPDATE container SET
        object_count = object_count - 1,
        bytes_used = bytes_used - CASE WHEN previous.slo_manifest IS NULL THEN previous.size ELSE 0 END,
        updated_at = now()
    WHERE id = out_container_id;
    out_replaced_files := released_files(previous);
END
$$;

-- What a version no longer current leaves to remove: its body file, or a multipart object's upload and part
-- rows (deleted here) and their files. A static manifest has no file of its own.
CREATE FUNCTION released_files(previous object) RETURNS uuid[]
LANGUAGE plpgsql AS $$
DECLARE
    files uuid[];
BEGIN
    IF previous.multipart_upload_id IS NOT NULL THEN
        WITH parts AS (DELETE FROM multipart_part WHERE upload_id = previous.multipart_upload_id RETURNING data_id)
        SELECT coalesce(array_agg(data_id), '{}') INTO files FROM parts;
        DELETE FROM multipart_upload WHERE upload_id = previous.multipart_upload_id;
        RETURN files;
    END IF;
    RETURN CASE WHEN previous.data_id IS NULL THEN '{}'::uuid[] ELSE ARRAY[previous.data_id] END;
END
$$;
