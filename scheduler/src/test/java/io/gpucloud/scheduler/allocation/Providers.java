package io.gpucloud.scheduler.allocation;

import static java.util.Objects.requireNonNull;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Test data for allocation tests: root providers and their inventories written straight to the tables,
 * so these tests do not depend on the provider and inventory API. Each provider gets a fresh uuid and
 * name; tests share one database and never assume it is empty.
 */
public final class Providers {

    private final JdbcClient jdbc;

    public Providers(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /** A root provider with no inventory. */
    public UUID aProvider() {
        UUID uuid = UUID.randomUUID();
        long id = jdbc.sql("SELECT nextval(pg_get_serial_sequence('resource_provider', 'id'))").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO resource_provider (id, uuid, name, root_provider_id) VALUES (:id, :uuid, :name, :id)
                """).param("id", id).param("uuid", uuid).param("name", "rp-" + uuid).update();
        return uuid;
    }

    /** A root provider with {@code total} of the class, nothing reserved, units 1 to total, ratio 1. */
    public UUID aProviderWith(String resourceClass, int total) {
        UUID provider = aProvider();
        withInventory(provider, resourceClass, total, 0, 1, total, 1, 1.0);
        return provider;
    }

    public Providers withInventory(UUID provider, String resourceClass, int total, int reserved, int minUnit,
            int maxUnit, int stepSize, double allocationRatio) {
        jdbc.sql("""
                INSERT INTO inventory (resource_provider_id, resource_class_id, total, reserved, min_unit, max_unit,
                                       step_size, allocation_ratio)
                SELECT rp.id, rc.id, :total, :reserved, :minUnit, :maxUnit, :stepSize, :ratio
                FROM resource_provider rp, resource_class rc
                WHERE rp.uuid = :provider AND rc.name = :resourceClass
                """).param("provider", provider).param("resourceClass", resourceClass).param("total", total)
                .param("reserved", reserved).param("minUnit", minUnit).param("maxUnit", maxUnit)
                .param("stepSize", stepSize).param("ratio", allocationRatio).update();
        return this;
    }

    public int generationOf(UUID provider) {
        return jdbc.sql("SELECT generation FROM resource_provider WHERE uuid = :uuid").param("uuid", provider)
                .query(Integer.class).single();
    }

    /** The total allocated of a class on a provider. */
    public long usedOf(UUID provider, String resourceClass) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(a.used), 0) FROM allocation a
                JOIN resource_provider rp ON rp.id = a.resource_provider_id
                JOIN resource_class rc ON rc.id = a.resource_class_id
                WHERE rp.uuid = :provider AND rc.name = :resourceClass
                """).param("provider", provider).param("resourceClass", resourceClass).query(Long.class).single();
    }

    public boolean consumerExists(UUID consumer) {
        return jdbc.sql("SELECT count(*) FROM consumer WHERE uuid = :uuid").param("uuid", consumer)
                .query(Integer.class).single() == 1;
    }
}
