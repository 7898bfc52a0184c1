package io.gpucloud.scheduler.usage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What a project (or one of its users) consumes, summed over its consumers' allocations. */
@Repository
public class UsageRepository {

    /** The amount of one class used, in one consumer-type group. */
    public record UsageRow(String group, int resourceClassId, long used) {
    }

    /** How many distinct consumers a consumer-type group has. */
    public record ConsumerCount(String group, long consumers) {
    }

    /**
     * How consumers are grouped and filtered by type (microversion 1.38). {@code expression} is the SQL
     * that names a consumer's group; {@code filter} narrows the consumers.
     */
    public enum TypeGrouping {
        /** No grouping (before 1.38): one group. */
        NONE("'all'", ""),
        /** 1.38 without {@code consumer_type}: one group per type, "unknown" for consumers without one. */
        BY_TYPE("COALESCE(c.consumer_type, 'unknown')", ""),
        /** {@code consumer_type=all}: every consumer in one group named "all". */
        ALL("'all'", ""),
        /** {@code consumer_type=unknown}: consumers written without a type. */
        UNKNOWN("'unknown'", "AND c.consumer_type IS NULL"),
        /** {@code consumer_type=NAME}: consumers of that type. */
        NAMED("c.consumer_type", "AND c.consumer_type = :consumerType");

        private final String expression;
        private final String filter;

        TypeGrouping(String expression, String filter) {
            this.expression = expression;
            this.filter = filter;
        }
    }

    private final JdbcClient jdbc;

    public UsageRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    public List<UsageRow> sumByClass(String projectId, Optional<String> userId, TypeGrouping grouping,
            Optional<String> consumerType) {
        String sql = """
                SELECT %s AS consumer_group, a.resource_class_id, SUM(a.used)
                FROM allocation a
                JOIN consumer c ON c.uuid = a.consumer_uuid
                WHERE c.project_id = :projectId %s %s
                GROUP BY 1, 2
                ORDER BY 1, 2
                """.formatted(grouping.expression, userFilter(userId), grouping.filter);
        return bind(jdbc.sql(sql), projectId, userId, grouping, consumerType)
                .query((rs, n) -> new UsageRow(rs.getString(1), rs.getInt(2), rs.getLong(3))).list();
    }

    /** Counted apart from the sums: a consumer holding several classes is still one consumer. */
    public List<ConsumerCount> countConsumers(String projectId, Optional<String> userId, TypeGrouping grouping,
            Optional<String> consumerType) {
        String sql = """
                SELECT %s AS consumer_group, COUNT(DISTINCT a.consumer_uuid)
                FROM allocation a
                JOIN consumer c ON c.uuid = a.consumer_uuid
                WHERE c.project_id = :projectId %s %s
                GROUP BY 1
                """.formatted(grouping.expression, userFilter(userId), grouping.filter);
        return bind(jdbc.sql(sql), projectId, userId, grouping, consumerType)
                .query((rs, n) -> new ConsumerCount(rs.getString(1), rs.getLong(2))).list();
    }

    private static String userFilter(Optional<String> userId) {
        return userId.isPresent() ? "AND c.user_id = :userId" : "";
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, String projectId,
            Optional<String> userId, TypeGrouping grouping, Optional<String> consumerType) {
        statement = statement.param("projectId", projectId);
        if (userId.isPresent()) {
            statement = statement.param("userId", userId.get());
        }
        if (grouping == TypeGrouping.NAMED) {
            statement = statement.param("consumerType", consumerType.orElseThrow());
        }
        return statement;
    }
}
