-- Flavors (Nova's instance types), their extra specs and which projects may use a private one; key pairs.

CREATE TABLE flavor (
    -- Nova's "flavorid": the string clients see, chosen by the admin or a generated uuid.
    id            text PRIMARY KEY,
    -- Creation order, for sort_key=id (Nova's internal id).
    seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    name          text NOT NULL UNIQUE,
    description   text,
    vcpus         integer NOT NULL CHECK (vcpus > 0),
    memory_mb     integer NOT NULL CHECK (memory_mb > 0),
    root_gb       integer NOT NULL CHECK (root_gb >= 0),
    ephemeral_gb  integer NOT NULL DEFAULT 0 CHECK (ephemeral_gb >= 0),
    swap_mb       integer NOT NULL DEFAULT 0 CHECK (swap_mb >= 0),
    rxtx_factor   double precision NOT NULL DEFAULT 1.0 CHECK (rxtx_factor > 0),
    is_public     boolean NOT NULL DEFAULT true,
    disabled      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz
);

CREATE TABLE flavor_extra_spec (
    flavor_id  text NOT NULL REFERENCES flavor (id) ON DELETE CASCADE,
    key        text NOT NULL,
    value      text NOT NULL,
    PRIMARY KEY (flavor_id, key)
);

-- Projects that may see and use a private flavor (os-flavor-access).
CREATE TABLE flavor_project_access (
    flavor_id   text NOT NULL REFERENCES flavor (id) ON DELETE CASCADE,
    project_id  text NOT NULL,
    PRIMARY KEY (flavor_id, project_id)
);
CREATE INDEX flavor_project_access_project ON flavor_project_access (project_id);

-- Key pairs belong to a user (not a project), as in Nova; names are unique per user.
CREATE TABLE keypair (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      text NOT NULL,
    name         text NOT NULL,
    type         text NOT NULL CHECK (type IN ('ssh', 'x509')),
    public_key   text NOT NULL,
    fingerprint  text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, name)
);
