-- A claim for a consumer that does not exist yet (the scheduler's claim, and PUT /allocations with
-- consumer_generation null) in one round trip instead of six: create the consumer, lock and bump the claimed
-- providers in id order, read their inventories with what is allocated of each, insert the allocations.
-- The capacity check stays in Java (CapacityCheck) on the rows returned, which are read before the insert and
-- under the providers' locks; when a claim does not fit, the caller rolls the transaction back. The locks are
-- taken in the order every allocation writer takes them: the consumer first, then providers by id.
--
-- Rows returned, by kind:
--   'C'  the consumer exists already: nothing was done; the caller takes the general path;
--   'P'  a provider found and locked (provider_uuid, provider_id). Fewer 'P' rows than distinct providers named
--        means one does not exist: nothing else follows and the caller rolls back (400);
--   'I'  an inventory of a claimed provider with its usage before this claim.
CREATE FUNCTION claim_for_new_consumer(p_consumer UUID, p_project VARCHAR, p_user VARCHAR, p_type VARCHAR,
                                       p_providers UUID[], p_classes INTEGER[], p_amounts INTEGER[])
    RETURNS TABLE (kind CHAR(1), provider_uuid UUID, provider_id BIGINT, resource_class_id INTEGER,
                   total INTEGER, reserved INTEGER, min_unit INTEGER, max_unit INTEGER, step_size INTEGER,
                   allocation_ratio DOUBLE PRECISION, used BIGINT)
    LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    found_providers INTEGER;
BEGIN
    -- Generation 1 at once: the row is new and invisible to others until commit, so the insert-then-bump of
    -- the general path would end in the same place.
    INSERT INTO consumer (uuid, project_id, user_id, consumer_type, generation)
    VALUES (p_consumer, p_project, p_user, p_type, 1)
    ON CONFLICT (uuid) DO NOTHING;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'C'::CHAR(1), NULL::UUID, NULL::BIGINT, NULL::INTEGER, NULL::INTEGER, NULL::INTEGER,
                            NULL::INTEGER, NULL::INTEGER, NULL::INTEGER, NULL::DOUBLE PRECISION, NULL::BIGINT;
        RETURN;
    END IF;

    RETURN QUERY
        UPDATE resource_provider rp SET generation = rp.generation + 1, updated_at = now()
        FROM (SELECT id FROM resource_provider WHERE uuid = ANY (p_providers) ORDER BY id FOR UPDATE) locked
        WHERE rp.id = locked.id
        RETURNING 'P'::CHAR(1), rp.uuid, rp.id, NULL::INTEGER, NULL::INTEGER, NULL::INTEGER, NULL::INTEGER,
                  NULL::INTEGER, NULL::INTEGER, NULL::DOUBLE PRECISION, NULL::BIGINT;
    GET DIAGNOSTICS found_providers = ROW_COUNT;
    IF found_providers < (SELECT count(DISTINCT u) FROM unnest(p_providers) u) THEN
        RETURN;
    END IF;

    RETURN QUERY
        SELECT 'I'::CHAR(1), rp.uuid, i.resource_provider_id, i.resource_class_id, i.total, i.reserved, i.min_unit,
               i.max_unit, i.step_size, i.allocation_ratio,
               COALESCE((SELECT SUM(a.used) FROM allocation a
                         WHERE a.resource_provider_id = i.resource_provider_id
                           AND a.resource_class_id = i.resource_class_id), 0)::BIGINT
        FROM resource_provider rp
        JOIN inventory i ON i.resource_provider_id = rp.id
        WHERE rp.uuid = ANY (p_providers);

    INSERT INTO allocation (resource_provider_id, consumer_uuid, resource_class_id, used)
    SELECT rp.id, p_consumer, c.class_id, c.amount
    FROM unnest(p_providers, p_classes, p_amounts) AS c (provider_uuid, class_id, amount)
    JOIN resource_provider rp ON rp.uuid = c.provider_uuid;
END
$$;
