package io.gpucloud.objectstorage.store;

import static io.gpucloud.objectstorage.SwiftClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.objectstorage.ObjectStorageTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A listing of a large container is an index seek, not a scan: checked on the plan PostgreSQL picks for the
 * listing query over 200,000 objects, and on the answers a delimiter listing gives over them.
 */
class ListingIndexTest extends ObjectStorageTestBase {

    private static final int DIRECTORIES = 200;
    private static final int FILES_PER_DIRECTORY = 1_000;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ContainerService containers;

    @Test
    void theListingQueryIsAnIndexSeekWithoutASort() {
        long containerId = fill("plan");
        List<String> plan = jdbc.sql("""
                EXPLAIN SELECT container_id, name, size FROM object
                WHERE container_id = :container AND name > :from AND name < :to ORDER BY name LIMIT 1000
                """).param("container", containerId).param("from", "d100/").param("to", "d1000")
                .query(String.class).list();
        String text = String.join("\n", plan);
        assertThat(text).contains("Index Scan using object_pkey").doesNotContain("Seq Scan").doesNotContain("Sort");
    }

    @Test
    void aDelimiterListingOverAFullContainerAnswersWithItsDirectories() {
        fill("tree");
        List<String> top = text(swift.get("tree?delimiter=/&limit=10000")).lines().toList();
        assertThat(top).hasSize(DIRECTORIES);
        assertThat(top.get(0)).isEqualTo("d000/");
        assertThat(top.get(DIRECTORIES - 1)).isEqualTo(String.format("d%03d/", DIRECTORIES - 1));
        List<String> page = text(swift.get("tree?prefix=d150/&marker=d150/f000997")).lines().toList();
        assertThat(page).containsExactly("d150/f000998", "d150/f000999");
    }

    /** A container of 200,000 objects, written straight into the table (the API would take minutes). */
    private long fill(String name) {
        String project = swift.account().substring("AUTH_".length());
        swift.put(name, null);
        long id = containers.require(project, name).id();
        jdbc.sql("""
                INSERT INTO object (container_id, name, size, etag, content_type, last_modified, data_id)
                SELECT :container, format('d%s/f%s', lpad(d::text, 3, '0'), lpad(f::text, 6, '0')), 0,
                       'd41d8cd98f00b204e9800998ecf8427e', 'application/octet-stream', now(), gen_random_uuid()
                FROM generate_series(0, :directories - 1) d, generate_series(0, :files - 1) f
                """).param("container", id).param("directories", DIRECTORIES).param("files", FILES_PER_DIRECTORY)
                .update();
        jdbc.sql("ANALYZE object").update();
        return id;
    }
}
