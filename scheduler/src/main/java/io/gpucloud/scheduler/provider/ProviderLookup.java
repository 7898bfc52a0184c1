package io.gpucloud.scheduler.provider;

import static java.util.Objects.requireNonNull;

import io.gpucloud.scheduler.api.PlacementException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Finds a provider's row by uuid: what every feature needs before it touches a provider. */
@Component
public class ProviderLookup {

    /** A provider's identity and tree position; {@code parentId} is null for a root. */
    public record ProviderRow(long id, UUID uuid, String name, int generation, Long parentId, long rootId) {
    }

    private final JdbcClient jdbc;

    public ProviderLookup(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    public Optional<ProviderRow> find(UUID uuid) {
        return jdbc.sql("""
                SELECT id, uuid, name, generation, parent_provider_id, root_provider_id
                FROM resource_provider WHERE uuid = :uuid
                """).param("uuid", uuid).query((rs, n) -> new ProviderRow(rs.getLong(1), rs.getObject(2, UUID.class),
                rs.getString(3), rs.getInt(4), (Long) rs.getObject(5), rs.getLong(6))).optional();
    }

    /** The providers with these uuids, in one round trip; unknown uuids are absent from the answer. */
    public Map<UUID, ProviderRow> findAll(Collection<UUID> uuids) {
        Map<UUID, ProviderRow> found = new HashMap<>();
        if (uuids.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                SELECT id, uuid, name, generation, parent_provider_id, root_provider_id
                FROM resource_provider WHERE uuid IN (:uuids)
                """).param("uuids", uuids).query((rs, n) -> new ProviderRow(rs.getLong(1), rs.getObject(2, UUID.class),
                rs.getString(3), rs.getInt(4), (Long) rs.getObject(5), rs.getLong(6)))
                .list().forEach(row -> found.put(row.uuid(), row));
        return found;
    }

    /** The provider, or 404 with Placement's message. */
    public ProviderRow require(UUID uuid) {
        return find(uuid).orElseThrow(() -> PlacementException.notFound("No resource provider with uuid " + uuid + " found."));
    }

    /** Parses a provider uuid from a path or body, answering 400 (not 500) for a malformed one. */
    public static UUID parseUuid(String text, String what) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw PlacementException.badRequest("Malformed " + what + ": '" + text + "' is not a UUID.");
        }
    }
}
