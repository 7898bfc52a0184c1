-- A change log for the in-memory allocation-candidate index (io.gpucloud.scheduler.candidate.ProviderIndex).
-- Every scheduler replica answers GET /allocation_candidates from memory and, before each request, asks this
-- table what changed since it last looked, then reloads only the provider trees that changed. Triggers fill
-- it, so writes by any replica, by any feature, or by hand in psql are all seen; nobody has to remember to.
--
-- Rows carry the id of the writing transaction (xid). A reader keeps the xmin of the snapshot it last read
-- with and re-reads rows with xid >= that horizon: a transaction that was still open then has an xid at or
-- above it, so a change that commits late is still found (a plain id watermark would skip it, as
-- sequence values are handed out before commit). Rows are pruned by age by the readers themselves.

CREATE TABLE provider_change (
    id          BIGSERIAL   PRIMARY KEY,
    provider_id BIGINT      NOT NULL,
    xid         BIGINT      NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    changed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX provider_change_by_xid ON provider_change (xid);
CREATE INDEX provider_change_by_time ON provider_change (changed_at);

CREATE FUNCTION record_provider_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'resource_provider' THEN
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO provider_change (provider_id) VALUES (OLD.id);
        END IF;
        IF TG_OP = 'INSERT' THEN
            INSERT INTO provider_change (provider_id) VALUES (NEW.id);
        END IF;
    ELSE
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO provider_change (provider_id) VALUES (OLD.resource_provider_id);
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.resource_provider_id <> OLD.resource_provider_id) THEN
            INSERT INTO provider_change (provider_id) VALUES (NEW.resource_provider_id);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER resource_provider_changed AFTER INSERT OR UPDATE OR DELETE ON resource_provider
    FOR EACH ROW EXECUTE FUNCTION record_provider_change();
CREATE TRIGGER inventory_changed AFTER INSERT OR UPDATE OR DELETE ON inventory
    FOR EACH ROW EXECUTE FUNCTION record_provider_change();
CREATE TRIGGER provider_trait_changed AFTER INSERT OR UPDATE OR DELETE ON provider_trait
    FOR EACH ROW EXECUTE FUNCTION record_provider_change();
CREATE TRIGGER provider_aggregate_changed AFTER INSERT OR UPDATE OR DELETE ON provider_aggregate
    FOR EACH ROW EXECUTE FUNCTION record_provider_change();
CREATE TRIGGER allocation_changed AFTER INSERT OR UPDATE OR DELETE ON allocation
    FOR EACH ROW EXECUTE FUNCTION record_provider_change();
