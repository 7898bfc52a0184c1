-- The allocation-candidate index now holds each provider's name (the scheduler names a build's host and GPUs from
-- it instead of reading resource_provider once per name), so a rename is a change the index must see. The
-- generation bump of a claim still records nothing (see V6).

CREATE OR REPLACE FUNCTION record_provider_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'resource_provider' THEN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO provider_change (provider_id) VALUES (NEW.id);
        ELSIF TG_OP = 'DELETE' OR NEW.parent_provider_id IS DISTINCT FROM OLD.parent_provider_id
              OR NEW.root_provider_id IS DISTINCT FROM OLD.root_provider_id OR NEW.uuid <> OLD.uuid
              OR NEW.name <> OLD.name THEN
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
