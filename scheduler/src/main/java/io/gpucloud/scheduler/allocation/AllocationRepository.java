package io.gpucloud.scheduler.allocation;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code allocation} table: what each consumer holds of each provider's inventory. */
@Repository
public class AllocationRepository {

    /** One row of a consumer's allocations, with the provider's uuid and current generation. */
    public record ProviderAllocation(UUID providerUuid, int providerGeneration, int resourceClassId, int used) {
    }

    /** One row of a provider's allocations, with the consumer's uuid and generation. */
    public record ConsumerAllocation(UUID consumerUuid, int consumerGeneration, int resourceClassId, int used) {
    }

    /**
     * An inventory of a provider with what is allocated of it now: the numbers a claim is checked against.
     */
    public record InventoryUsage(long providerId, int resourceClassId, int total, int reserved, int minUnit,
            int maxUnit, int stepSize, double allocationRatio, long used) {

        /** Placement's capacity: {@code (total - reserved) * allocation_ratio}. */
        public double capacity() {
            return (total - reserved) * allocationRatio;
        }
    }

    private final JdbcClient jdbc;

    public AllocationRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    public List<ProviderAllocation> findByConsumer(UUID consumer) {
        return jdbc.sql("""
                SELECT rp.uuid, rp.generation, a.resource_class_id, a.used
                FROM allocation a
                JOIN resource_provider rp ON rp.id = a.resource_provider_id
                WHERE a.consumer_uuid = :consumer
                ORDER BY rp.id, a.resource_class_id
                """).param("consumer", consumer).query((rs, n) -> new ProviderAllocation(rs.getObject(1, UUID.class),
                rs.getInt(2), rs.getInt(3), rs.getInt(4))).list();
    }

    public List<ConsumerAllocation> findByProvider(long providerId) {
        return jdbc.sql("""
                SELECT a.consumer_uuid, c.generation, a.resource_class_id, a.used
                FROM allocation a
                JOIN consumer c ON c.uuid = a.consumer_uuid
                WHERE a.resource_provider_id = :providerId
                ORDER BY a.consumer_uuid, a.resource_class_id
                """).param("providerId", providerId).query((rs, n) -> new ConsumerAllocation(rs.getObject(1, UUID.class),
                rs.getInt(2), rs.getInt(3), rs.getInt(4))).list();
    }

    /** Deletes the consumers' allocations; returns the providers they were held against. */
    public Set<Long> deleteByConsumersReturningProviders(Collection<UUID> consumers) {
        return new HashSet<>(jdbc.sql("""
                DELETE FROM allocation WHERE consumer_uuid IN (:consumers) RETURNING resource_provider_id
                """).param("consumers", consumers).query(Long.class).list());
    }

    /** Inserts all the claims in one statement. */
    void insertAll(List<CapacityCheck.Claim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        long[] providerIds = new long[claims.size()];
        UUID[] consumers = new UUID[claims.size()];
        int[] classIds = new int[claims.size()];
        int[] amounts = new int[claims.size()];
        for (int i = 0; i < claims.size(); i++) {
            CapacityCheck.Claim claim = claims.get(i);
            providerIds[i] = claim.providerId();
            consumers[i] = claim.consumer();
            classIds[i] = claim.resourceClassId();
            amounts[i] = claim.amount();
        }
        jdbc.sql("""
                INSERT INTO allocation (resource_provider_id, consumer_uuid, resource_class_id, used)
                SELECT * FROM unnest(CAST(:providerIds AS bigint[]), CAST(:consumers AS uuid[]),
                                     CAST(:classIds AS integer[]), CAST(:amounts AS integer[]))
                """).param("providerIds", providerIds).param("consumers", consumers).param("classIds", classIds)
                .param("amounts", amounts).update();
    }

    /**
     * The providers' inventories with what is allocated of each. Read it only while holding the providers'
     * row locks (their generation bump), so that no other claim changes the usage in between.
     */
    public List<InventoryUsage> findInventoryUsage(Collection<Long> providerIds) {
        return jdbc.sql("""
                SELECT i.resource_provider_id, i.resource_class_id, i.total, i.reserved, i.min_unit, i.max_unit,
                       i.step_size, i.allocation_ratio,
                       COALESCE((SELECT SUM(a.used) FROM allocation a
                                 WHERE a.resource_provider_id = i.resource_provider_id
                                   AND a.resource_class_id = i.resource_class_id), 0) AS used
                FROM inventory i
                WHERE i.resource_provider_id IN (:providerIds)
                """).param("providerIds", providerIds).query((rs, n) -> new InventoryUsage(rs.getLong(1), rs.getInt(2),
                rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getDouble(8), rs.getLong(9)))
                .list();
    }
}
