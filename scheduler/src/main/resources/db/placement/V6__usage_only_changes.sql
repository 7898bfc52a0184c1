-- Cheaper change log for the allocation-candidate index (see V2). A claim used to leave two rows that each made
-- every replica reload the provider's whole tree (all its providers, inventories, traits and aggregates):
--  * the generation bump on resource_provider, which changes nothing the index holds. Only a new, deleted or
--    re-parented provider matters to it now (its uuid never changes);
--  * the allocation row. Allocations change only usage, so their rows are marked usage_only and a replica reads
--    just the usage of those providers' inventories.

ALTER TABLE provider_change ADD COLUMN usage_only BOOLEAN NOT NULL DEFAULT FALSE;

CREATE OR REPLACE FUNCTION record_provider_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'resource_provider' THEN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO provider_change (provider_id) VALUES (NEW.id);
        ELSIF TG_OP = 'DELETE' OR NEW.parent_provider_id IS DISTINCT FROM OLD.parent_provider_id
              OR NEW.root_provider_id IS DISTINCT FROM OLD.root_provider_id OR NEW.uuid <> OLD.uuid THEN
            INSERT INTO provider_change (provider_id) VALUES (OLD.id);
        END IF;
    ELSE
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO provider_change (provider_id, usage_only)
            VALUES (OLD.resource_provider_id, TG_TABLE_NAME = 'allocation');
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.resource_provider_id <> OLD.resource_provider_id) THEN
            INSERT INTO provider_change (provider_id, usage_only)
            VALUES (NEW.resource_provider_id, TG_TABLE_NAME = 'allocation');
        END IF;
    END IF;
    RETURN NULL;
END
$$;
