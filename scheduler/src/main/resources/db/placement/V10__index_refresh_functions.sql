-- The allocation-candidate index's two per-request reads (ProviderIndexRepository.changesSince and loadUsage),
-- planned once per connection instead of on every call, for the reason V9 gives: their array parameters (the
-- transactions a snapshot could not see, the providers whose usage changed) make a custom plan look cheaper than
-- any generic one, so PostgreSQL planned them afresh each time: ~0.09 ms of planning per call against ~0.03-0.04 ms
-- of execution (pg_stat_statements with track_planning, 1,000 hosts, 8 clients claiming).
--
-- A generic plan has no value for "xid >= p_xmax" to estimate from and may take it for a third of the table;
-- both reads are only ever right through their indexes (the top of provider_change's xid index plus one lookup per
-- in-progress transaction; inventory's primary key and allocation's (provider, class) index), so sequential scans
-- are ruled out for these two functions alone. That same guess makes the change read's estimated cost pass
-- jit_above_cost once provider_change holds millions of rows (~60 ms of JIT per call, measured at 2.1 million), so
-- JIT is off for both.

-- The changes committed since a snapshot (xmax, in-progress xids) with the snapshot that saw them; a row of nulls
-- for the change columns when there are none. Same statement as before, one snapshot for all of it.
CREATE FUNCTION provider_changes_since(p_xmax BIGINT, p_in_progress BIGINT[])
    RETURNS TABLE (snapshot_xmax BIGINT, snapshot_xip BIGINT[], change_id BIGINT, provider_id BIGINT, xid BIGINT,
                   usage_only BOOLEAN)
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan
    SET enable_seqscan = off
    SET jit = off
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        SELECT pg_snapshot_xmax(snap)::text::bigint,
               ARRAY(SELECT x::text::bigint FROM pg_snapshot_xip(snap) AS x),
               c.id, c.provider_id, c.xid, c.usage_only
        FROM pg_current_snapshot() AS snap
        LEFT JOIN provider_change c ON c.xid >= p_xmax OR c.xid = ANY (p_in_progress);
END
$$;

-- What is allocated now of each inventory of these providers (0 when nothing is), one row per inventory.
CREATE FUNCTION provider_usage(p_providers BIGINT[])
    RETURNS TABLE (provider_id BIGINT, resource_class_id INTEGER, used BIGINT)
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan
    SET enable_seqscan = off
    SET jit = off
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        SELECT i.resource_provider_id, i.resource_class_id,
               COALESCE((SELECT SUM(a.used) FROM allocation a
                         WHERE a.resource_provider_id = i.resource_provider_id
                           AND a.resource_class_id = i.resource_class_id), 0)::BIGINT
        FROM unnest(p_providers) AS p (id)
        CROSS JOIN LATERAL (SELECT * FROM inventory inv WHERE inv.resource_provider_id = p.id OFFSET 0) i;
END
$$;
