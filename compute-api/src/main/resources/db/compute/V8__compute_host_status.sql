-- What an operator said about a host through os-services: disabled (nothing new is scheduled there; Placement
-- carries it as the COMPUTE_STATUS_DISABLED trait on the host's provider) with a reason, and forced down (the
-- host counts as dead at once, e.g. so that its servers can be deleted locally while it is fenced).
ALTER TABLE compute_host
    ADD COLUMN disabled        BOOLEAN      NOT NULL DEFAULT false,
    ADD COLUMN disabled_reason VARCHAR(255),
    ADD COLUMN forced_down     BOOLEAN      NOT NULL DEFAULT false;
