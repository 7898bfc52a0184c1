package io.gpucloud.scheduler.candidate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementTestBase;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The product's target: 1,000 hosts x 8 GPUs, two isolated A100 groups plus CPU and memory, limit 10,
 * answered from memory. A measurement, not a timed assertion: it prints the percentiles and checks only
 * the results and their spread over hosts. Tagged {@code scale} and left out of the default build; run it
 * with {@code mvn -pl scheduler test -Dscheduler.excludedGroups=none -Dtest=AllocationCandidatesScaleTest}.
 */
@org.junit.jupiter.api.Tag("scale")
class AllocationCandidatesScaleTest extends PlacementTestBase {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AllocationCandidates candidates;

    @Autowired
    ProviderIndex index;

    @Test
    void aThousandEightGpuHostsAnswerTheGpuRequestInMilliseconds() {
        new ProviderRows(jdbc).deleteEverything();
        jdbc.sql("INSERT INTO trait (name, standard) VALUES ('CUSTOM_GPU_NVIDIA_A100_80GB', FALSE), "
                + "('CUSTOM_GPU_NVIDIA_H100_80GB', FALSE) ON CONFLICT DO NOTHING").update();
        jdbc.sql("""
                INSERT INTO resource_provider (id, uuid, name, root_provider_id)
                SELECT 1000000 + h, gen_random_uuid(), 'scale-host-' || h, 1000000 + h FROM generate_series(1, 1000) h
                """).update();
        jdbc.sql("""
                INSERT INTO resource_provider (id, uuid, name, parent_provider_id, root_provider_id)
                SELECT 2000000 + h * 8 + g, gen_random_uuid(), 'scale-host-' || h || '-gpu' || g, 1000000 + h, 1000000 + h
                FROM generate_series(1, 1000) h, generate_series(0, 7) g
                """).update();
        jdbc.sql("""
                INSERT INTO inventory (resource_provider_id, resource_class_id, total, max_unit)
                SELECT 1000000 + h, rc.id, rc.total, rc.total
                FROM generate_series(1, 1000) h,
                     (VALUES (0, 128), (1, 1048576), (2, 4000)) AS rc (id, total)
                """).update();
        jdbc.sql("""
                INSERT INTO inventory (resource_provider_id, resource_class_id, total, max_unit)
                SELECT id, 17, 1, 1 FROM resource_provider WHERE id >= 2000000
                """).update();
        // Half the hosts have A100s, half H100s.
        jdbc.sql("""
                INSERT INTO provider_trait (resource_provider_id, trait_id)
                SELECT rp.id, t.id FROM resource_provider rp JOIN trait t
                  ON t.name = CASE WHEN rp.root_provider_id % 2 = 0 THEN 'CUSTOM_GPU_NVIDIA_A100_80GB'
                                   ELSE 'CUSTOM_GPU_NVIDIA_H100_80GB' END
                WHERE rp.id >= 2000000
                """).update();
        long loadStarted = System.nanoTime();
        index.reload();
        long loadMillis = (System.nanoTime() - loadStarted) / 1_000_000;

        AllocationCandidateRequest request = AllocationCandidateRequest.of(List.of(
                RequestGroup.resources("", Map.of("VCPU", 8, "MEMORY_MB", 65536)),
                RequestGroup.resources("1", Map.of("PGPU", 1)).withRequiredTraits("CUSTOM_GPU_NVIDIA_A100_80GB"),
                RequestGroup.resources("2", Map.of("PGPU", 1)).withRequiredTraits("CUSTOM_GPU_NVIDIA_A100_80GB")),
                true, OptionalInt.of(10));

        for (int i = 0; i < 200; i++) {
            candidates.find(request);
        }
        long[] micros = new long[1000];
        Set<UUID> hostsSeen = new HashSet<>();
        for (int i = 0; i < micros.length; i++) {
            long started = System.nanoTime();
            AllocationCandidatesResult result = candidates.find(request);
            micros[i] = (System.nanoTime() - started) / 1000;
            assertThat(result.allocationRequests()).hasSize(10);
            result.allocationRequests().forEach(r -> hostsSeen.add(r.mappings().get("").get(0)));
        }
        Arrays.sort(micros);
        System.out.printf("allocation candidates, 1000 hosts x 8 GPUs, limit 10: index load %d ms; "
                + "find() p50 %d us, p90 %d us, p99 %d us; %d distinct hosts over %d calls%n",
                loadMillis, micros[500], micros[900], micros[990], hostsSeen.size(), micros.length);

        assertThat(hostsSeen.size()).isGreaterThan(400); // spread: 500 A100 hosts, random starts
        new ProviderRows(jdbc).deleteEverything();
    }
}
