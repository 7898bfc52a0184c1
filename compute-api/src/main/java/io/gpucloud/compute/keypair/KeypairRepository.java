package io.gpucloud.compute.keypair;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code keypair}: one row per (user, name). */
@Repository
class KeypairRepository {

    private static final String COLUMNS = "id, user_id, name, type, public_key, fingerprint, created_at";

    private final JdbcClient jdbc;

    KeypairRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    Optional<Keypair> find(String userId, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM keypair WHERE user_id = :user AND name = :name")
                .param("user", userId).param("name", name).query(KeypairRepository::keypair).optional();
    }

    /** The user's key pairs in creation order, after {@code markerId} (exclusive) when given, at most {@code limit}. */
    List<Keypair> list(String userId, Long markerId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM keypair WHERE user_id = :user AND id > :after ORDER BY id LIMIT :limit")
                .param("user", userId).param("after", markerId == null ? 0L : markerId).param("limit", limit)
                .query(KeypairRepository::keypair).list();
    }

    /** The new row, or empty when the user already has a key pair of that name. */
    Optional<Keypair> insert(String userId, String name, String type, String publicKey, String fingerprint) {
        return jdbc.sql("""
                INSERT INTO keypair (user_id, name, type, public_key, fingerprint)
                VALUES (:user, :name, :type, :public_key, :fingerprint)
                ON CONFLICT (user_id, name) DO NOTHING
                RETURNING """ + " " + COLUMNS)
                .param("user", userId).param("name", name).param("type", type).param("public_key", publicKey)
                .param("fingerprint", fingerprint).query(KeypairRepository::keypair).optional();
    }

    boolean delete(String userId, String name) {
        return jdbc.sql("DELETE FROM keypair WHERE user_id = :user AND name = :name")
                .param("user", userId).param("name", name).update() > 0;
    }

    private static Keypair keypair(ResultSet rs, int row) throws SQLException {
        return new Keypair(rs.getLong("id"), rs.getString("user_id"), rs.getString("name"), rs.getString("type"),
                rs.getString("public_key"), rs.getString("fingerprint"), rs.getTimestamp("created_at").toInstant());
    }
}
