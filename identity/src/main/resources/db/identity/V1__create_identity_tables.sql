-- Keystone's core model: domains own projects and users; roles are global and assigned to a user on
-- a project or a domain. Ids are 32 hex characters, as Keystone's are; the default domain is "default".
CREATE TABLE domain (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(255) NOT NULL UNIQUE,
    description TEXT         NOT NULL DEFAULT '',
    enabled     BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE project (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    domain_id   VARCHAR(64)  NOT NULL REFERENCES domain (id),
    description TEXT         NOT NULL DEFAULT '',
    enabled     BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT project_name_unique_in_domain UNIQUE (domain_id, name)
);

CREATE TABLE cloud_user (
    id                 VARCHAR(64)  PRIMARY KEY,
    name               VARCHAR(255) NOT NULL,
    domain_id          VARCHAR(64)  NOT NULL REFERENCES domain (id),
    password_hash      VARCHAR(255),
    enabled            BOOLEAN      NOT NULL DEFAULT TRUE,
    default_project_id VARCHAR(64),
    email              VARCHAR(255),
    description        TEXT         NOT NULL DEFAULT '',
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT user_name_unique_in_domain UNIQUE (domain_id, name)
);

CREATE TABLE role (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(255) NOT NULL UNIQUE,
    description TEXT         NOT NULL DEFAULT ''
);

-- target_type is 'project' or 'domain'; the target row is removed with its assignments in code,
-- because one column cannot reference two tables.
CREATE TABLE role_assignment (
    user_id     VARCHAR(64) NOT NULL REFERENCES cloud_user (id) ON DELETE CASCADE,
    role_id     VARCHAR(64) NOT NULL REFERENCES role (id) ON DELETE CASCADE,
    target_type VARCHAR(16) NOT NULL CHECK (target_type IN ('project', 'domain')),
    target_id   VARCHAR(64) NOT NULL,
    PRIMARY KEY (user_id, role_id, target_type, target_id)
);
CREATE INDEX role_assignment_by_target ON role_assignment (target_type, target_id);

CREATE TABLE application_credential (
    id           VARCHAR(64)  PRIMARY KEY,
    name         VARCHAR(255) NOT NULL,
    user_id      VARCHAR(64)  NOT NULL REFERENCES cloud_user (id) ON DELETE CASCADE,
    project_id   VARCHAR(64)  NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    secret_hash  VARCHAR(255) NOT NULL,
    description  TEXT         NOT NULL DEFAULT '',
    expires_at   TIMESTAMPTZ,
    unrestricted BOOLEAN      NOT NULL DEFAULT FALSE,
    role_ids     TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT application_credential_name_unique_per_user UNIQUE (user_id, name)
);

-- The S3 API must recompute request signatures, so an EC2 secret is kept, unlike passwords.
CREATE TABLE ec2_credential (
    access     VARCHAR(64)  PRIMARY KEY,
    secret     VARCHAR(128) NOT NULL,
    user_id    VARCHAR(64)  NOT NULL REFERENCES cloud_user (id) ON DELETE CASCADE,
    project_id VARCHAR(64)  NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX ec2_credential_by_user ON ec2_credential (user_id);

-- One row per issued token (tokens themselves are signed, not stored): lets identity revoke every
-- token of a user, project or application credential and publish the revoked audit ids.
CREATE TABLE issued_token (
    audit_id                  VARCHAR(32) PRIMARY KEY,
    user_id                   VARCHAR(64) NOT NULL,
    project_id                VARCHAR(64),
    domain_id                 VARCHAR(64),
    application_credential_id VARCHAR(64),
    issued_at                 TIMESTAMPTZ NOT NULL,
    expires_at                TIMESTAMPTZ NOT NULL,
    revoked_at                TIMESTAMPTZ
);
CREATE INDEX issued_token_by_user ON issued_token (user_id);
CREATE INDEX issued_token_revoked ON issued_token (expires_at) WHERE revoked_at IS NOT NULL;

-- Ed25519 token signing keys. Every identity replica reads them from here; the public halves are
-- published at /v3/auth/keys for the other services.
CREATE TABLE signing_key (
    key_id      VARCHAR(32) PRIMARY KEY,
    private_key BYTEA       NOT NULL,
    public_key  BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
