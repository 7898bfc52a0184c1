-- The scheduler's marker for a host whose heartbeats stopped (GpuTraits.HOST_DOWN). It used to share the standard
-- COMPUTE_STATUS_DISABLED with operators' disables, so a host coming back could lift an operator's disable. Every
-- scheduling request forbids it, so it must exist before the first request. Hosts marked down with the old trait
-- get the new one, and the old one stays only where an operator put it (trait_added = FALSE).
INSERT INTO trait (name, standard) VALUES ('CUSTOM_COMPUTE_HOST_DOWN', FALSE) ON CONFLICT (name) DO NOTHING;

INSERT INTO provider_trait (resource_provider_id, trait_id)
SELECT rp.id, t.id FROM compute_host h
JOIN resource_provider rp ON rp.uuid = h.provider_uuid
JOIN trait t ON t.name = 'CUSTOM_COMPUTE_HOST_DOWN'
WHERE h.down_marked
ON CONFLICT DO NOTHING;

DELETE FROM provider_trait pt USING compute_host h, resource_provider rp, trait t
WHERE h.down_marked AND h.trait_added AND rp.uuid = h.provider_uuid AND pt.resource_provider_id = rp.id
  AND t.name = 'COMPUTE_STATUS_DISABLED' AND pt.trait_id = t.id;
