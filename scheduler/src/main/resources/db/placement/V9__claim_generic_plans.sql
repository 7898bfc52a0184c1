-- claim_for_new_consumer (V7), planned once per connection instead of on every call.
--
-- PL/pgSQL caches a plan per statement, but a statement with an array parameter (the claimed providers) is
-- planned afresh on each call: a generic plan must guess the array's length (10 for "= ANY", 100 for unnest),
-- so it always looks dearer than a custom plan made for the one or two providers of a real claim. Re-planning
-- the function's statements, the INSERTs' column defaults parsed again each time, was about half of a claim's
-- cost in PostgreSQL (pgbench, one client: 0.74 ms per call against 0.24 ms for an empty transaction).
--
-- So the function forces generic plans, and each statement is written so that its generic plan is the right one
-- whatever the array's length is guessed to be: rows are found through the unique index on uuid and, per
-- provider, through the index of inventory (LATERAL) or a scalar subquery, never by a hash join over a whole
-- table. Same arguments, same rows returned, same locking order as V7. JIT is off for the function: a generic
-- plan's row guesses can pass jit_above_cost on large tables, and compiling costs milliseconds per call.
-- (The scheduler's connections turn JIT off anyway; this keeps the function cheap from any client.)
CREATE OR REPLACE FUNCTION claim_for_new_consumer(p_consumer UUID, p_project VARCHAR, p_user VARCHAR, p_type VARCHAR,
                                                  p_providers UUID[], p_classes INTEGER[], p_amounts INTEGER[])
    RETURNS TABLE (kind CHAR(1), provider_uuid UUID, provider_id BIGINT, resource_class_id INTEGER,
                   total INTEGER, reserved INTEGER, min_unit INTEGER, max_unit INTEGER, step_size INTEGER,
                   allocation_ratio DOUBLE PRECISION, used BIGINT)
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan
    SET jit = off
AS $$
#variable_conflict use_column
DECLARE
    found_providers INTEGER;
BEGIN
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
        CROSS JOIN LATERAL (SELECT * FROM inventory inv WHERE inv.resource_provider_id = rp.id OFFSET 0) i
        WHERE rp.uuid = ANY (p_providers);

    -- Every provider named exists (checked above), so the subquery finds each one's id.
    INSERT INTO allocation (resource_provider_id, consumer_uuid, resource_class_id, used)
    SELECT (SELECT rp.id FROM resource_provider rp WHERE rp.uuid = c.provider_uuid), p_consumer, c.class_id, c.amount
    FROM unnest(p_providers, p_classes, p_amounts) AS c (provider_uuid, class_id, amount)
    WHERE c.provider_uuid IS NOT NULL;
END
$$;
