package io.gpucloud.scheduler.provider;

import static java.util.Objects.requireNonNull;

import io.gpucloud.scheduler.api.PlacementException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Provider generations, Placement's optimistic concurrency: every write to a provider's inventories,
 * traits, aggregates or allocations increments its generation in the same transaction. A write that
 * names the generation it read fails with 409 {@code placement.concurrent_update} when another write
 * came first.
 */
@Component
public class ProviderGenerations {

    private final JdbcClient jdbc;

    public ProviderGenerations(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /**
     * Increments the generation if it still is {@code expected}.
     *
     * @return the new generation
     * @throws PlacementException 409 concurrent_update when the generation moved on
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int increment(long providerId, int expected) {
        int updated = jdbc.sql("""
                UPDATE resource_provider SET generation = generation + 1, updated_at = now()
                WHERE id = :id AND generation = :expected
                """).param("id", providerId).param("expected", expected).update();
        if (updated == 0) {
            throw PlacementException.concurrentUpdate("Resource provider");
        }
        return expected + 1;
    }

    /**
     * Increments the generation whatever it is (allocation writes that name no provider generation), and
     * locks the provider row until the transaction ends, which serialises concurrent claims on it.
     *
     * @return the new generation
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int increment(long providerId) {
        return jdbc.sql("""
                UPDATE resource_provider SET generation = generation + 1, updated_at = now()
                WHERE id = :id RETURNING generation
                """).param("id", providerId).query(Integer.class).single();
    }

    /**
     * {@link #increment(long)} for several providers in one statement, locking their rows in id order (the
     * sub-select locks rows as they leave its sort, PostgreSQL's documented behaviour for ORDER BY with FOR
     * UPDATE), so that writers locking overlapping sets never deadlock.
     *
     * @return the ids of the providers found; a deleted one is missing
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<Long> incrementAll(Collection<Long> providerIds) {
        if (providerIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                UPDATE resource_provider rp SET generation = rp.generation + 1, updated_at = now()
                FROM (SELECT id FROM resource_provider WHERE id IN (:ids) ORDER BY id FOR UPDATE) locked
                WHERE rp.id = locked.id
                RETURNING rp.id
                """).param("ids", providerIds).query(Long.class).list());
    }
}
