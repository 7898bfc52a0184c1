package io.gpucloud.scheduler.aggregate;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code provider_aggregate}: which aggregates each provider is in. Aggregates are bare uuids owned by
 * whoever groups the providers (nova host aggregates); Placement keeps no other record of them.
 */
@Repository
class AggregateRepository {

    private final JdbcClient jdbc;

    AggregateRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    List<UUID> ofProvider(long providerId) {
        return jdbc.sql("""
                SELECT aggregate_uuid FROM provider_aggregate WHERE resource_provider_id = :provider_id
                ORDER BY aggregate_uuid
                """).param("provider_id", providerId).query(UUID.class).list();
    }

    void replace(long providerId, Collection<UUID> aggregates) {
        jdbc.sql("DELETE FROM provider_aggregate WHERE resource_provider_id = :provider_id")
                .param("provider_id", providerId).update();
        for (UUID aggregate : aggregates) {
            jdbc.sql("INSERT INTO provider_aggregate (resource_provider_id, aggregate_uuid) VALUES (:provider_id, :aggregate)")
                    .param("provider_id", providerId).param("aggregate", aggregate).update();
        }
    }
}
