package io.gpucloud.scheduler.inventory;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code inventory} rows of one provider, and the allocations that pin them. */
@Repository
class InventoryRepository {

    private static final String SELECT_INVENTORY = """
            SELECT rc.name, inv.total, inv.reserved, inv.min_unit, inv.max_unit, inv.step_size, inv.allocation_ratio
            FROM inventory inv JOIN resource_class rc ON rc.id = inv.resource_class_id
            WHERE inv.resource_provider_id = :provider_id
            """;

    private final JdbcClient jdbc;

    InventoryRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    List<Inventory> list(long providerId) {
        return jdbc.sql(SELECT_INVENTORY + "ORDER BY rc.id").param("provider_id", providerId)
                .query(InventoryRepository::inventory).list();
    }

    Optional<Inventory> find(long providerId, int classId) {
        return jdbc.sql(SELECT_INVENTORY + "AND inv.resource_class_id = :class_id").param("provider_id", providerId)
                .param("class_id", classId).query(InventoryRepository::inventory).optional();
    }

    void insert(long providerId, int classId, Inventory inventory) {
        jdbc.sql("""
                INSERT INTO inventory (resource_provider_id, resource_class_id, total, reserved, min_unit, max_unit,
                                       step_size, allocation_ratio)
                VALUES (:provider_id, :class_id, :total, :reserved, :min_unit, :max_unit, :step_size, :ratio)
                """).param("provider_id", providerId).param("class_id", classId).params(fields(inventory)).update();
    }

    Set<Integer> classIds(long providerId) {
        return new HashSet<>(jdbc.sql("SELECT resource_class_id FROM inventory WHERE resource_provider_id = :provider_id")
                .param("provider_id", providerId).query(Integer.class).list());
    }

    /** @return whether there was a row to update */
    boolean update(long providerId, int classId, Inventory inventory) {
        return jdbc.sql("""
                UPDATE inventory SET total = :total, reserved = :reserved, min_unit = :min_unit, max_unit = :max_unit,
                                     step_size = :step_size, allocation_ratio = :ratio
                WHERE resource_provider_id = :provider_id AND resource_class_id = :class_id
                """).param("provider_id", providerId).param("class_id", classId).params(fields(inventory))
                .update() == 1;
    }

    /** @return how many rows went */
    int delete(long providerId, Collection<Integer> classIds) {
        if (classIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("DELETE FROM inventory WHERE resource_provider_id = :provider_id AND resource_class_id IN (:class_ids)")
                .param("provider_id", providerId).param("class_ids", classIds).update();
    }

    /** The names, sorted, of those classes the provider has allocations of. */
    List<String> classesInUse(long providerId, Collection<Integer> classIds) {
        if (classIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT rc.name FROM resource_class rc
                WHERE rc.id IN (:class_ids)
                  AND EXISTS (SELECT 1 FROM allocation a
                              WHERE a.resource_provider_id = :provider_id AND a.resource_class_id = rc.id)
                ORDER BY rc.name
                """).param("provider_id", providerId).param("class_ids", classIds).query(String.class).list();
    }

    long used(long providerId, int classId) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(used), 0) FROM allocation
                WHERE resource_provider_id = :provider_id AND resource_class_id = :class_id
                """).param("provider_id", providerId).param("class_id", classId).query(Long.class).single();
    }

    private static Map<String, Object> fields(Inventory inventory) {
        return Map.of("total", inventory.total(), "reserved", inventory.reserved(),
                "min_unit", inventory.minUnit(), "max_unit", inventory.maxUnit(), "step_size", inventory.stepSize(),
                "ratio", inventory.allocationRatio());
    }

    private static Inventory inventory(ResultSet rs, int row) throws SQLException {
        return new Inventory(rs.getString("name"), rs.getInt("total"), rs.getInt("reserved"), rs.getInt("min_unit"),
                rs.getInt("max_unit"), rs.getInt("step_size"), rs.getDouble("allocation_ratio"));
    }
}
