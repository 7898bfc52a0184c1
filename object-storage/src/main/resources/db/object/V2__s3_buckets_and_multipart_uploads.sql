-- What the S3 API adds to the store: bucket regions, a lookup of container names across accounts (S3 bucket
-- names are global), and multipart uploads with their parts.

-- S3 answers "is this bucket name taken by anyone?"; containers are keyed by (account, name), so a name
-- alone needs its own index.
CREATE INDEX container_name_idx ON container (name);

-- The LocationConstraint a bucket was created with through S3 (containers made through Swift have none
-- and report the default region).
CREATE TABLE bucket_location (
    container_id  bigint PRIMARY KEY REFERENCES container (id) ON DELETE CASCADE,
    region        text NOT NULL
);

-- A multipart upload, from CreateMultipartUpload until it is aborted, expires, or its object is replaced
-- or deleted. After CompleteMultipartUpload (completed_at set) the row and its parts stay: they are the
-- body of the object row that names the upload (object.multipart_upload_id), read part after part.
-- Deleting a bucket removes its uploads in progress; their part files are then unreferenced and the
-- garbage collector removes them.
CREATE TABLE multipart_upload (
    upload_id     uuid PRIMARY KEY,
    container_id  bigint NOT NULL REFERENCES container (id) ON DELETE CASCADE,
    name          text COLLATE "C" NOT NULL,
    content_type  text NOT NULL,
    metadata      jsonb NOT NULL DEFAULT '{}',
    initiated_at  timestamptz NOT NULL,
    completed_at  timestamptz
);

-- ListMultipartUploads walks uploads in progress by key, then upload id.
CREATE INDEX multipart_upload_listing_idx ON multipart_upload (container_id, name, upload_id)
    WHERE completed_at IS NULL;

-- One part's body file. Uploading a part number again replaces the row (and, after the commit, the file).
CREATE TABLE multipart_part (
    upload_id      uuid NOT NULL REFERENCES multipart_upload (upload_id) ON DELETE CASCADE,
    part_number    integer NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
    size           bigint NOT NULL CHECK (size >= 0),
    etag           text NOT NULL,
    data_id        uuid NOT NULL,
    last_modified  timestamptz NOT NULL,
    PRIMARY KEY (upload_id, part_number)
);

-- The garbage collector asks which of the files it found a part still names.
CREATE UNIQUE INDEX multipart_part_data_id_key ON multipart_part (data_id);

-- A completed multipart object has neither a body file nor a static manifest: its body is its upload's parts.
ALTER TABLE object ADD COLUMN multipart_upload_id uuid REFERENCES multipart_upload (upload_id);
ALTER TABLE object DROP CONSTRAINT object_has_body;
ALTER TABLE object ADD CONSTRAINT object_has_body CHECK (
    (data_id IS NOT NULL)::int + (slo_manifest IS NOT NULL)::int + (multipart_upload_id IS NOT NULL)::int = 1);
