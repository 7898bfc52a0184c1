-- Placement's model: resource providers form trees (parent/root); each has inventories of resource
-- classes, traits and aggregate memberships; consumers (instances) hold allocations against providers.
-- Every write to a provider bumps its generation (optimistic concurrency, checked with
-- UPDATE ... WHERE generation = ?); consumers have generations too (microversion 1.28).

CREATE TABLE resource_class (
    id       INTEGER      PRIMARY KEY,
    name     VARCHAR(255) NOT NULL UNIQUE,
    standard BOOLEAN      NOT NULL
);
-- Custom classes (CUSTOM_*) get ids from 10000 on, as in OpenStack Placement; standard ids below.
CREATE SEQUENCE resource_class_custom_id START WITH 10000;

CREATE TABLE trait (
    id       SERIAL       PRIMARY KEY,
    name     VARCHAR(255) NOT NULL UNIQUE,
    standard BOOLEAN      NOT NULL
);

CREATE TABLE resource_provider (
    id                 BIGSERIAL    PRIMARY KEY,
    uuid               UUID         NOT NULL UNIQUE,
    name               VARCHAR(200) NOT NULL UNIQUE,
    generation         INTEGER      NOT NULL DEFAULT 0,
    parent_provider_id BIGINT       REFERENCES resource_provider (id),
    root_provider_id   BIGINT       NOT NULL REFERENCES resource_provider (id),
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX resource_provider_by_parent ON resource_provider (parent_provider_id);
CREATE INDEX resource_provider_by_root ON resource_provider (root_provider_id);

CREATE TABLE inventory (
    resource_provider_id BIGINT           NOT NULL REFERENCES resource_provider (id) ON DELETE CASCADE,
    resource_class_id    INTEGER          NOT NULL REFERENCES resource_class (id),
    total                INTEGER          NOT NULL,
    reserved             INTEGER          NOT NULL DEFAULT 0,
    min_unit             INTEGER          NOT NULL DEFAULT 1,
    max_unit             INTEGER          NOT NULL,
    step_size            INTEGER          NOT NULL DEFAULT 1,
    allocation_ratio     DOUBLE PRECISION NOT NULL DEFAULT 1.0,
    PRIMARY KEY (resource_provider_id, resource_class_id)
);
CREATE INDEX inventory_by_class ON inventory (resource_class_id);

CREATE TABLE provider_trait (
    resource_provider_id BIGINT  NOT NULL REFERENCES resource_provider (id) ON DELETE CASCADE,
    trait_id             INTEGER NOT NULL REFERENCES trait (id),
    PRIMARY KEY (resource_provider_id, trait_id)
);
CREATE INDEX provider_trait_by_trait ON provider_trait (trait_id);

CREATE TABLE provider_aggregate (
    resource_provider_id BIGINT NOT NULL REFERENCES resource_provider (id) ON DELETE CASCADE,
    aggregate_uuid       UUID   NOT NULL,
    PRIMARY KEY (resource_provider_id, aggregate_uuid)
);
CREATE INDEX provider_aggregate_by_aggregate ON provider_aggregate (aggregate_uuid);

CREATE TABLE consumer (
    uuid          UUID         PRIMARY KEY,
    project_id    VARCHAR(255) NOT NULL,
    user_id       VARCHAR(255) NOT NULL,
    consumer_type VARCHAR(255),
    generation    INTEGER      NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX consumer_by_project_user ON consumer (project_id, user_id);

CREATE TABLE allocation (
    id                   BIGSERIAL   PRIMARY KEY,
    resource_provider_id BIGINT      NOT NULL REFERENCES resource_provider (id),
    consumer_uuid        UUID        NOT NULL REFERENCES consumer (uuid) ON DELETE CASCADE,
    resource_class_id    INTEGER     NOT NULL REFERENCES resource_class (id),
    used                 INTEGER     NOT NULL CHECK (used > 0),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT allocation_once_per_class UNIQUE (consumer_uuid, resource_provider_id, resource_class_id)
);
CREATE INDEX allocation_by_provider_class ON allocation (resource_provider_id, resource_class_id);

-- The standard resource classes (os-resource-classes), with Placement's ids.
INSERT INTO resource_class (id, name, standard) VALUES
    (0, 'VCPU', TRUE), (1, 'MEMORY_MB', TRUE), (2, 'DISK_GB', TRUE), (3, 'PCI_DEVICE', TRUE),
    (4, 'SRIOV_NET_VF', TRUE), (5, 'NUMA_SOCKET', TRUE), (6, 'NUMA_CORE', TRUE), (7, 'NUMA_THREAD', TRUE),
    (8, 'NUMA_MEMORY_MB', TRUE), (9, 'IPV4_ADDRESS', TRUE), (10, 'VGPU', TRUE), (11, 'VGPU_DISPLAY_HEAD', TRUE),
    (12, 'NET_BW_EGR_KILOBIT_PER_SEC', TRUE), (13, 'NET_BW_IGR_KILOBIT_PER_SEC', TRUE), (14, 'PCPU', TRUE),
    (15, 'MEM_ENCRYPTION_CONTEXT', TRUE), (16, 'FPGA', TRUE), (17, 'PGPU', TRUE),
    (18, 'NET_PACKET_RATE_KILOPACKET_PER_SEC', TRUE), (19, 'NET_PACKET_RATE_EGR_KILOPACKET_PER_SEC', TRUE),
    (20, 'NET_PACKET_RATE_IGR_KILOPACKET_PER_SEC', TRUE);

-- A subset of the standard traits (os-traits) that GPU hosts and the scheduler use.
INSERT INTO trait (name, standard) VALUES
    ('COMPUTE_STATUS_DISABLED', TRUE), ('COMPUTE_IMAGE_TYPE_QCOW2', TRUE), ('COMPUTE_IMAGE_TYPE_RAW', TRUE),
    ('COMPUTE_VOLUME_ATTACH', TRUE), ('COMPUTE_VOLUME_MULTI_ATTACH', TRUE), ('COMPUTE_TRUSTED_CERTS', TRUE),
    ('COMPUTE_NODE', TRUE), ('COMPUTE_DEVICE_TAGGING', TRUE), ('COMPUTE_NET_ATTACH_INTERFACE', TRUE),
    ('HW_CPU_X86_AVX', TRUE), ('HW_CPU_X86_AVX2', TRUE), ('HW_CPU_X86_AVX512F', TRUE), ('HW_CPU_X86_SSE42', TRUE),
    ('HW_CPU_X86_VMX', TRUE), ('HW_CPU_X86_SVM', TRUE), ('HW_CPU_HYPERTHREADING', TRUE),
    ('HW_CPU_X86_AMD_SEV', TRUE), ('HW_NUMA_ROOT', TRUE),
    ('HW_GPU_API_CUDA_V10_0', TRUE), ('HW_GPU_API_CUDA_V11_0', TRUE), ('HW_GPU_API_CUDA_V12_0', TRUE),
    ('HW_GPU_API_VULKAN', TRUE), ('HW_GPU_API_OPENGL_V4_6', TRUE),
    ('HW_GPU_MAX_DISPLAY_HEADS_1', TRUE), ('HW_GPU_RESOLUTION_W1920H1080', TRUE),
    ('HW_NIC_SRIOV', TRUE), ('HW_NIC_OFFLOAD_TSO', TRUE),
    ('MISC_SHARES_VIA_AGGREGATE', TRUE),
    ('STORAGE_DISK_HDD', TRUE), ('STORAGE_DISK_SSD', TRUE);
