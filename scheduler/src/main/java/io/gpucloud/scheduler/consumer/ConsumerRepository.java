package io.gpucloud.scheduler.consumer;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code consumer} table: who holds allocations, and at which generation. */
@Repository
public class ConsumerRepository {

    private final JdbcClient jdbc;

    public ConsumerRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    public Optional<Consumer> find(UUID uuid) {
        return jdbc.sql("""
                SELECT uuid, project_id, user_id, consumer_type, generation
                FROM consumer WHERE uuid = :uuid
                """).param("uuid", uuid).query(ConsumerRepository::consumer).optional();
    }

    /**
     * The consumer, its row locked until the transaction ends: two writers of one consumer's allocations
     * take turns, so the second sees the first one's generation.
     */
    public Optional<Consumer> findForUpdate(UUID uuid) {
        return jdbc.sql("""
                SELECT uuid, project_id, user_id, consumer_type, generation
                FROM consumer WHERE uuid = :uuid
                FOR UPDATE
                """).param("uuid", uuid).query(ConsumerRepository::consumer).optional();
    }

    /**
     * Creates the consumer at generation 0 unless it exists. A concurrent creator's uncommitted row makes
     * this wait for its transaction and then insert nothing.
     *
     * @return whether this call created it
     */
    public boolean insertIfAbsent(UUID uuid, String projectId, String userId, String consumerType) {
        return jdbc.sql("""
                INSERT INTO consumer (uuid, project_id, user_id, consumer_type, generation)
                VALUES (:uuid, :projectId, :userId, :consumerType, 0)
                ON CONFLICT (uuid) DO NOTHING
                """).param("uuid", uuid).param("projectId", projectId).param("userId", userId)
                .param("consumerType", consumerType).update() == 1;
    }

    /** Records a new owner or type (a writer may move a consumer to another project or user). */
    public void updateOwner(UUID uuid, String projectId, String userId, String consumerType) {
        jdbc.sql("""
                UPDATE consumer SET project_id = :projectId, user_id = :userId, consumer_type = :consumerType,
                       updated_at = now()
                WHERE uuid = :uuid
                """).param("uuid", uuid).param("projectId", projectId).param("userId", userId)
                .param("consumerType", consumerType).update();
    }

    /** @return the new generation */
    public int incrementGeneration(UUID uuid) {
        return jdbc.sql("""
                UPDATE consumer SET generation = generation + 1, updated_at = now()
                WHERE uuid = :uuid RETURNING generation
                """).param("uuid", uuid).query(Integer.class).single();
    }

    /** Moves each consumer's generation on by one. */
    public void incrementGenerations(Collection<UUID> uuids) {
        jdbc.sql("""
                UPDATE consumer SET generation = generation + 1, updated_at = now()
                WHERE uuid IN (:uuids)
                """).param("uuids", uuids).update();
    }

    /** Removes the consumer if its last allocation is gone; a consumer exists only while it holds some. */
    public boolean deleteIfWithoutAllocations(UUID uuid) {
        return jdbc.sql("""
                DELETE FROM consumer c
                WHERE c.uuid = :uuid
                  AND NOT EXISTS (SELECT 1 FROM allocation a WHERE a.consumer_uuid = c.uuid)
                """).param("uuid", uuid).update() == 1;
    }

    private static Consumer consumer(ResultSet rs, int row) throws SQLException {
        return new Consumer(rs.getObject("uuid", UUID.class), rs.getString("project_id"), rs.getString("user_id"),
                rs.getString("consumer_type"), rs.getInt("generation"));
    }
}
