package io.gpucloud.scheduler.candidate;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Test data written straight into the placement schema with SQL, as another replica (or the providers
 * and allocations features) would: providers, inventories, traits, aggregates, allocations.
 */
public final class ProviderRows {

    private final JdbcClient jdbc;

    public ProviderRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Removes every provider, consumer and allocation (each test starts from nothing). */
    public void deleteEverything() {
        jdbc.sql("DELETE FROM scheduling_request").update();
        jdbc.sql("DELETE FROM compute_host").update();
        jdbc.sql("DELETE FROM server_group_member").update();
        jdbc.sql("DELETE FROM allocation").update();
        jdbc.sql("DELETE FROM consumer").update();
        jdbc.sql("DELETE FROM provider_aggregate").update();
        jdbc.sql("DELETE FROM provider_trait").update();
        jdbc.sql("DELETE FROM inventory").update();
        jdbc.sql("DELETE FROM resource_provider").update();
    }

    public UUID root(String name) {
        UUID uuid = UUID.randomUUID();
        jdbc.sql("""
                WITH next AS (SELECT nextval('resource_provider_id_seq') AS id)
                INSERT INTO resource_provider (id, uuid, name, root_provider_id) SELECT id, :uuid, :name, id FROM next
                """).param("uuid", uuid).param("name", name).update();
        return uuid;
    }

    public UUID child(UUID parent, String name) {
        UUID uuid = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO resource_provider (uuid, name, parent_provider_id, root_provider_id)
                SELECT :uuid, :name, id, root_provider_id FROM resource_provider WHERE uuid = :parent
                """).param("uuid", uuid).param("name", name).param("parent", parent).update();
        return uuid;
    }

    public ProviderRows inventory(UUID provider, String resourceClass, int total) {
        return inventory(provider, resourceClass, total, 0, 1, total, 1, 1.0);
    }

    public ProviderRows inventory(UUID provider, String resourceClass, int total, int reserved, int minUnit, int maxUnit,
            int stepSize, double allocationRatio) {
        jdbc.sql("""
                INSERT INTO inventory (resource_provider_id, resource_class_id, total, reserved, min_unit, max_unit,
                                       step_size, allocation_ratio)
                SELECT rp.id, rc.id, :total, :reserved, :min, :max, :step, :ratio
                FROM resource_provider rp, resource_class rc WHERE rp.uuid = :uuid AND rc.name = :class
                """).param("uuid", provider).param("class", resourceClass).param("total", total)
                .param("reserved", reserved).param("min", minUnit).param("max", maxUnit).param("step", stepSize)
                .param("ratio", allocationRatio).update();
        return this;
    }

    public ProviderRows traits(UUID provider, String... traits) {
        for (String trait : traits) {
            jdbc.sql("INSERT INTO trait (name, standard) VALUES (:name, FALSE) ON CONFLICT (name) DO NOTHING")
                    .param("name", trait).update();
            jdbc.sql("""
                    INSERT INTO provider_trait (resource_provider_id, trait_id)
                    SELECT rp.id, t.id FROM resource_provider rp, trait t WHERE rp.uuid = :uuid AND t.name = :name
                    """).param("uuid", provider).param("name", trait).update();
        }
        return this;
    }

    public ProviderRows aggregate(UUID provider, UUID aggregate) {
        jdbc.sql("""
                INSERT INTO provider_aggregate (resource_provider_id, aggregate_uuid)
                SELECT id, :aggregate FROM resource_provider WHERE uuid = :uuid
                """).param("uuid", provider).param("aggregate", aggregate).update();
        return this;
    }

    /** A new consumer holding {@code amount} of the class on the provider. */
    public ProviderRows allocate(UUID provider, String resourceClass, int amount) {
        UUID consumer = UUID.randomUUID();
        jdbc.sql("INSERT INTO consumer (uuid, project_id, user_id) VALUES (:uuid, 'p', 'u')").param("uuid", consumer).update();
        jdbc.sql("""
                INSERT INTO allocation (resource_provider_id, consumer_uuid, resource_class_id, used)
                SELECT rp.id, :consumer, rc.id, :used FROM resource_provider rp, resource_class rc
                WHERE rp.uuid = :uuid AND rc.name = :class
                """).param("uuid", provider).param("consumer", consumer).param("class", resourceClass)
                .param("used", amount).update();
        return this;
    }

    /** The total allocated on the provider, every class and consumer. */
    public long usedOn(UUID provider) {
        return jdbc.sql("""
                SELECT coalesce(sum(a.used), 0) FROM allocation a JOIN resource_provider rp ON rp.id = a.resource_provider_id
                WHERE rp.uuid = :uuid
                """).param("uuid", provider).query(Long.class).single();
    }

    /** What another replica's inventory update looks like: new total and a generation bump. */
    public void changeTotal(UUID provider, String resourceClass, int total) {
        jdbc.sql("""
                UPDATE inventory SET total = :total, max_unit = :total
                WHERE resource_provider_id = (SELECT id FROM resource_provider WHERE uuid = :uuid)
                  AND resource_class_id = (SELECT id FROM resource_class WHERE name = :class)
                """).param("uuid", provider).param("class", resourceClass).param("total", total).update();
        jdbc.sql("UPDATE resource_provider SET generation = generation + 1, updated_at = now() WHERE uuid = :uuid")
                .param("uuid", provider).update();
    }
}
