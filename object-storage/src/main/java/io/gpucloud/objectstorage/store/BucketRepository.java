package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What S3 adds to containers: the global name check and {@code bucket_location} rows. */
@Repository
class BucketRepository {

    private final JdbcClient jdbc;

    BucketRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /**
     * Serializes S3 bucket creations of one name across accounts and replicas until the transaction ends:
     * the check "does any other account have it?" and the insert then act as one.
     */
    void lockName(String name) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))").param("name", name).query().singleValue();
    }

    boolean existsInOtherAccount(String account, String name) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM container WHERE name = :name AND account <> :account)")
                .param("name", name).param("account", account).query(Boolean.class).single();
    }

    void setRegion(long containerId, String region) {
        jdbc.sql("""
                INSERT INTO bucket_location (container_id, region) VALUES (:id, :region)
                ON CONFLICT (container_id) DO UPDATE SET region = excluded.region
                """).param("id", containerId).param("region", region).update();
    }

    Optional<String> region(long containerId) {
        return jdbc.sql("SELECT region FROM bucket_location WHERE container_id = :id").param("id", containerId)
                .query(String.class).optional();
    }
}
