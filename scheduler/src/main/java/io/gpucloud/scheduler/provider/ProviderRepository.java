package io.gpucloud.scheduler.provider;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code resource_provider} rows: create, rename, re-parent, delete, and the checks before. */
@Repository
class ProviderRepository {

    /** A provider with its parent's and root's uuids; {@code WHERE} clauses are appended by callers. */
    static final String SELECT_PROVIDERS = """
            SELECT rp.id, rp.uuid, rp.name, rp.generation, parent.uuid AS parent_uuid, root.uuid AS root_uuid,
                   rp.updated_at
            FROM resource_provider rp
            LEFT JOIN resource_provider parent ON parent.id = rp.parent_provider_id
            JOIN resource_provider root ON root.id = rp.root_provider_id
            """;

    private final JdbcClient jdbc;

    ProviderRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    Optional<ResourceProvider> find(UUID uuid) {
        return jdbc.sql(SELECT_PROVIDERS + "WHERE rp.uuid = :uuid").param("uuid", uuid)
                .query(ProviderRepository::provider).optional();
    }

    boolean nameTaken(String name) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM resource_provider WHERE name = :name)")
                .param("name", name).query(Boolean.class).single();
    }

    boolean uuidTaken(UUID uuid) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM resource_provider WHERE uuid = :uuid)")
                .param("uuid", uuid).query(Boolean.class).single();
    }

    /**
     * Inserts a provider. A root is its own root, so the row needs its id before it is written: the id is
     * drawn from the sequence first and used for both columns.
     *
     * @param parentId null for a root
     * @param rootId the parent's root; null for a root
     */
    long insert(UUID uuid, String name, Long parentId, Long rootId) {
        return jdbc.sql("""
                WITH new_provider AS (SELECT nextval(pg_get_serial_sequence('resource_provider', 'id')) AS id)
                INSERT INTO resource_provider (id, uuid, name, parent_provider_id, root_provider_id)
                SELECT id, :uuid, :name, :parent_id, COALESCE(:root_id, id) FROM new_provider
                RETURNING id
                """).param("uuid", uuid).param("name", name).param("parent_id", parentId, Types.BIGINT)
                .param("root_id", rootId, Types.BIGINT).query(Long.class).single();
    }

    void rename(long id, String name) {
        jdbc.sql("UPDATE resource_provider SET name = :name, updated_at = now() WHERE id = :id")
                .param("name", name).param("id", id).update();
    }

    /**
     * Moves a provider under {@code parentId} (null: makes it a root) and gives it and everything below it
     * the new root.
     */
    void reparent(long id, Long parentId, long newRootId) {
        jdbc.sql("UPDATE resource_provider SET parent_provider_id = :parent_id, updated_at = now() WHERE id = :id")
                .param("parent_id", parentId, Types.BIGINT).param("id", id).update();
        jdbc.sql("""
                WITH RECURSIVE subtree (id) AS (
                    SELECT id FROM resource_provider WHERE id = :id
                    UNION ALL
                    SELECT child.id FROM resource_provider child JOIN subtree ON child.parent_provider_id = subtree.id
                )
                UPDATE resource_provider SET root_provider_id = :root_id WHERE id IN (SELECT id FROM subtree)
                """).param("id", id).param("root_id", newRootId).update();
    }

    /** Whether {@code candidateId} is {@code ancestorId} or lies below it: a parent there would make a loop. */
    boolean inSubtree(long ancestorId, long candidateId) {
        return jdbc.sql("""
                WITH RECURSIVE subtree (id) AS (
                    SELECT id FROM resource_provider WHERE id = :ancestor_id
                    UNION ALL
                    SELECT child.id FROM resource_provider child JOIN subtree ON child.parent_provider_id = subtree.id
                )
                SELECT EXISTS (SELECT 1 FROM subtree WHERE id = :candidate_id)
                """).param("ancestor_id", ancestorId).param("candidate_id", candidateId).query(Boolean.class).single();
    }

    /** Locks the row until the transaction ends, so no allocation or child can arrive between check and delete. */
    void lock(long id) {
        jdbc.sql("SELECT id FROM resource_provider WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).list();
    }

    boolean hasChildren(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM resource_provider WHERE parent_provider_id = :id)")
                .param("id", id).query(Boolean.class).single();
    }

    boolean hasAllocations(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM allocation WHERE resource_provider_id = :id)")
                .param("id", id).query(Boolean.class).single();
    }

    /** Deletes the provider; its inventories, traits and aggregate memberships go with it (ON DELETE CASCADE). */
    void delete(long id) {
        jdbc.sql("DELETE FROM resource_provider WHERE id = :id").param("id", id).update();
    }

    static ResourceProvider provider(ResultSet rs, int row) throws SQLException {
        return new ResourceProvider(rs.getLong("id"), rs.getObject("uuid", UUID.class), rs.getString("name"),
                rs.getInt("generation"), rs.getObject("parent_uuid", UUID.class), rs.getObject("root_uuid", UUID.class),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    List<ResourceProvider> list(String whereClause, Map<String, ?> params) {
        return jdbc.sql(SELECT_PROVIDERS + whereClause + "\nORDER BY rp.id").params(params)
                .query(ProviderRepository::provider).list();
    }
}
