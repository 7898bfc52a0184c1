package io.gpucloud.scheduler.provider;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** One provider's usage: allocations summed per class it has inventory of. */
@Repository
class ProviderUsages {

    private final JdbcClient jdbc;

    ProviderUsages(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /** Class name to the amount allocated, 0 for an inventory nothing is allocated from. */
    Map<String, Long> byClass(long providerId) {
        Map<String, Long> usages = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT rc.name, COALESCE(SUM(a.used), 0) AS used
                FROM inventory inv
                JOIN resource_class rc ON rc.id = inv.resource_class_id
                LEFT JOIN allocation a ON a.resource_provider_id = inv.resource_provider_id
                                      AND a.resource_class_id = inv.resource_class_id
                WHERE inv.resource_provider_id = :provider_id
                GROUP BY rc.id, rc.name
                ORDER BY rc.id
                """).param("provider_id", providerId)
                .query(rs -> {
                    usages.put(rs.getString("name"), rs.getLong("used"));
                });
        return usages;
    }
}
