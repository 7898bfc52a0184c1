-- Images of the minimal Image API v2. The bytes live on disk at <cloud.compute.images.data-path>/<id>.

CREATE TABLE image (
    id                uuid PRIMARY KEY,
    name              text,
    status            text NOT NULL CHECK (status IN ('queued', 'saving', 'active')),
    visibility        text NOT NULL CHECK (visibility IN ('private', 'shared', 'community', 'public')),
    owner             text,
    disk_format       text,
    container_format  text,
    size              bigint,
    checksum          text,
    os_hash_algo      text,
    os_hash_value     text,
    min_disk          integer NOT NULL DEFAULT 0 CHECK (min_disk >= 0),
    min_ram           integer NOT NULL DEFAULT 0 CHECK (min_ram >= 0),
    protected         boolean NOT NULL DEFAULT false,
    os_hidden         boolean NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
CREATE INDEX image_owner ON image (owner);
CREATE INDEX image_created ON image (created_at, id);

-- Glance's "extra properties": free string key/value pairs shown as top-level keys of the image.
CREATE TABLE image_property (
    image_id  uuid NOT NULL REFERENCES image (id) ON DELETE CASCADE,
    name      text NOT NULL,
    value     text NOT NULL,
    PRIMARY KEY (image_id, name)
);

CREATE TABLE image_tag (
    image_id  uuid NOT NULL REFERENCES image (id) ON DELETE CASCADE,
    tag       text NOT NULL,
    PRIMARY KEY (image_id, tag)
);
CREATE INDEX image_tag_tag ON image_tag (tag);
