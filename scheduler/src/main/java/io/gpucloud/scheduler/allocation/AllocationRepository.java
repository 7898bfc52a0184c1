package io.gpucloud.scheduler.allocation;

import static java.util.Objects.requireNonNull;

import io.gpucloud.scheduler.consumer.ConsumerOwner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /** An amount of a class wanted from a provider named by uuid, before the provider is resolved. */
    record Wanted(UUID providerUuid, String resourceClass, int resourceClassId, int amount) {
    }

    /**
     * What {@link #claimForNewConsumer} did.
     *
     * @param consumerExisted the consumer exists already: nothing was done
     * @param lockedProviders the providers found and locked, uuid → id (a named one missing means it does not
     *                        exist, and nothing was inserted)
     * @param inventories     the locked providers' inventories with their usage before this claim
     */
    record NewConsumerClaim(boolean consumerExisted, Map<UUID, Long> lockedProviders,
            List<InventoryUsage> inventories) {
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
     * Creates the consumer at generation 1, locks the providers (in id order, bumping their generations), reads
     * their inventories and usage, and inserts the allocations: one round trip (migration V7's
     * {@code claim_for_new_consumer}, planned once per connection since V9). The caller checks the capacity on the
     * inventories returned and rolls the transaction back when a claim does not fit or a provider is missing.
     */
    NewConsumerClaim claimForNewConsumer(ConsumerOwner owner, List<Wanted> wanted) {
        UUID[] providers = new UUID[wanted.size()];
        int[] classIds = new int[wanted.size()];
        int[] amounts = new int[wanted.size()];
        for (int i = 0; i < wanted.size(); i++) {
            providers[i] = wanted.get(i).providerUuid();
            classIds[i] = wanted.get(i).resourceClassId();
            amounts[i] = wanted.get(i).amount();
        }
        boolean[] consumerExisted = {false};
        Map<UUID, Long> locked = new HashMap<>();
        List<InventoryUsage> inventories = new ArrayList<>();
        jdbc.sql("""
                SELECT * FROM claim_for_new_consumer(:consumer, :project, :user, :type, CAST(:providers AS uuid[]),
                                                     CAST(:classIds AS integer[]), CAST(:amounts AS integer[]))
                """).param("consumer", owner.uuid()).param("project", owner.projectId()).param("user", owner.userId())
                .param("type", owner.consumerType()).param("providers", providers).param("classIds", classIds)
                .param("amounts", amounts).query(rs -> {
                    switch (rs.getString("kind")) {
                        case "C" -> consumerExisted[0] = true;
                        case "P" -> locked.put(rs.getObject("provider_uuid", UUID.class), rs.getLong("provider_id"));
                        default -> inventories.add(new InventoryUsage(rs.getLong("provider_id"),
                                rs.getInt("resource_class_id"), rs.getInt("total"), rs.getInt("reserved"),
                                rs.getInt("min_unit"), rs.getInt("max_unit"), rs.getInt("step_size"),
                                rs.getDouble("allocation_ratio"), rs.getLong("used")));
                    }
                });
        return new NewConsumerClaim(consumerExisted[0], locked, inventories);
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
