package io.gpucloud.scheduler.candidate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementClient;
import io.gpucloud.scheduler.PlacementTestBase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** GET /allocation_candidates against data written with plain SQL, as other features and replicas write it. */
class AllocationCandidatesTest extends PlacementTestBase {

    private static final String A100 = "CUSTOM_GPU_NVIDIA_A100_80GB";
    private static final String H100 = "CUSTOM_GPU_NVIDIA_H100_80GB";

    @Autowired
    JdbcClient jdbc;

    ProviderRows rows;

    @BeforeEach
    void startFromNothing() {
        rows = new ProviderRows(jdbc);
        rows.deleteEverything();
    }

    /** A host: root with VCPU 64, MEMORY_MB 512 GiB, DISK_GB 1000 and one PGPU:1 child per model given. */
    private UUID host(String name, String... gpuModels) {
        UUID root = rows.root(name);
        rows.inventory(root, "VCPU", 64).inventory(root, "MEMORY_MB", 524288).inventory(root, "DISK_GB", 1000);
        for (int i = 0; i < gpuModels.length; i++) {
            UUID gpu = rows.child(root, name + "_gpu" + i);
            rows.inventory(gpu, "PGPU", 1).traits(gpu, gpuModels[i]);
        }
        return root;
    }

    private JsonNode candidates(String query, String version) {
        PlacementClient.Response response = placement.get("/allocation_candidates?" + query, version);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.body();
    }

    private static Set<String> rootsOf(JsonNode body) {
        Set<String> roots = new HashSet<>();
        for (JsonNode request : body.path("allocation_requests")) {
            for (String provider : request.path("allocations").propertyNames()) {
                roots.add(body.path("provider_summaries").path(provider).path("root_provider_uuid").asString());
            }
        }
        return roots;
    }

    @Test
    void aSingleProviderRequestNamesTheProviderItsResourcesAndItsSummary() {
        UUID compute = rows.root("compute1");
        rows.inventory(compute, "VCPU", 8, 0, 1, 8, 1, 4.0).inventory(compute, "MEMORY_MB", 4096).traits(compute, "HW_CPU_X86_AVX2");
        rows.allocate(compute, "VCPU", 3);

        JsonNode body = candidates("resources=VCPU:2,MEMORY_MB:1024", "1.39");

        assertThat(body.path("allocation_requests")).hasSize(1);
        JsonNode request = body.path("allocation_requests").get(0);
        assertThat(request.path("allocations").path(compute.toString()).path("resources").path("VCPU").asInt()).isEqualTo(2);
        assertThat(request.path("allocations").path(compute.toString()).path("resources").path("MEMORY_MB").asInt()).isEqualTo(1024);
        assertThat(request.path("mappings").path("").get(0).asString()).isEqualTo(compute.toString());
        JsonNode summary = body.path("provider_summaries").path(compute.toString());
        assertThat(summary.path("resources").path("VCPU").path("capacity").asInt()).isEqualTo(32);
        assertThat(summary.path("resources").path("VCPU").path("used").asInt()).isEqualTo(3);
        assertThat(summary.path("traits").get(0).asString()).isEqualTo("HW_CPU_X86_AVX2");
        assertThat(summary.path("parent_provider_uuid").isNull()).isTrue();
        assertThat(summary.path("root_provider_uuid").asString()).isEqualTo(compute.toString());
    }

    @Test
    void twoIsolatedGpuGroupsPairTwoDistinctA100ChildrenOfOneHostWithItsCpuAndMemory() {
        UUID host = host("host1", A100, A100, A100, H100);
        host("host2", H100, H100);

        JsonNode body = candidates("resources=VCPU:8,MEMORY_MB:65536&resources1=PGPU:1&required1=" + A100
                + "&resources2=PGPU:1&required2=" + A100 + "&group_policy=isolate", "1.39");

        // 3 A100s taken two at a time, in order: 3 x 2.
        assertThat(body.path("allocation_requests")).hasSize(6);
        for (JsonNode request : body.path("allocation_requests")) {
            JsonNode allocations = request.path("allocations");
            assertThat(allocations.path(host.toString()).path("resources").path("VCPU").asInt()).isEqualTo(8);
            assertThat(allocations.size()).isEqualTo(3);
            String gpu1 = request.path("mappings").path("1").get(0).asString();
            String gpu2 = request.path("mappings").path("2").get(0).asString();
            assertThat(gpu1).isNotEqualTo(gpu2);
            for (String gpu : List.of(gpu1, gpu2)) {
                assertThat(allocations.path(gpu).path("resources").path("PGPU").asInt()).isEqualTo(1);
                assertThat(body.path("provider_summaries").path(gpu).path("traits").get(0).asString()).isEqualTo(A100);
                assertThat(body.path("provider_summaries").path(gpu).path("parent_provider_uuid").asString())
                        .isEqualTo(host.toString());
            }
        }
        // Every provider of the tree is summarised, the H100 child too; host2 is not.
        assertThat(body.path("provider_summaries").size()).isEqualTo(5);
    }

    @Test
    void withoutIsolationTwoGroupsMayShareOneProviderThatHasRoomForBoth() {
        UUID root = rows.root("host");
        UUID gpu = rows.child(root, "gpu");
        rows.inventory(gpu, "VGPU", 4);

        JsonNode none = candidates("resources1=VGPU:2&resources2=VGPU:2&group_policy=none", "1.39");
        JsonNode isolate = candidates("resources1=VGPU:2&resources2=VGPU:2&group_policy=isolate", "1.39");

        assertThat(none.path("allocation_requests")).hasSize(1);
        assertThat(none.path("allocation_requests").get(0).path("allocations").path(gpu.toString())
                .path("resources").path("VGPU").asInt()).isEqualTo(4);
        assertThat(isolate.path("allocation_requests")).isEmpty();
    }

    @Test
    void aLimitReturnsThatManyCandidatesSpreadOverDifferentHosts() {
        for (int i = 0; i < 20; i++) {
            host("host" + i, A100, A100, A100, A100);
        }
        JsonNode body = candidates("resources=VCPU:8&resources1=PGPU:1&resources2=PGPU:1&group_policy=isolate&limit=5", "1.39");

        assertThat(body.path("allocation_requests")).hasSize(5);
        assertThat(rootsOf(body)).hasSize(5);
        assertThat(body.path("provider_summaries").size()).isEqualTo(5 * 5);
    }

    @Test
    void aLimitAboveTheNumberOfHostsTakesCandidatesFromEachHostInTurn() {
        host("hostA", A100, A100, A100);
        host("hostB", A100, A100, A100);

        JsonNode body = candidates("resources1=PGPU:1&resources2=PGPU:1&group_policy=isolate&limit=4", "1.39");

        assertThat(body.path("allocation_requests")).hasSize(4);
        assertThat(rootsOf(body)).hasSize(2);
    }

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource(delimiter = '|', value = {
            "required=HW_CPU_X86_AVX2                          | avx2,fast",
            "required=HW_CPU_X86_AVX2,CUSTOM_FAST              | fast",
            "required=!HW_CPU_X86_AVX2                         | plain",
            "required=HW_CPU_X86_AVX2,!CUSTOM_FAST             | avx2",
            "required=in:CUSTOM_FAST,HW_CPU_X86_SSE42          | fast,plain",
            "required=in:CUSTOM_FAST,HW_CPU_X86_SSE42&required=!HW_CPU_X86_AVX2 | plain",
    })
    void requiredForbiddenAndAnyOfTraitsChooseTheHosts(String traitQuery, String expectedHosts) {
        List<UUID> hosts = new ArrayList<>();
        for (String name : List.of("avx2", "fast", "plain")) {
            UUID root = rows.root(name);
            rows.inventory(root, "VCPU", 8);
            hosts.add(root);
        }
        rows.traits(hosts.get(0), "HW_CPU_X86_AVX2");
        rows.traits(hosts.get(1), "HW_CPU_X86_AVX2", "CUSTOM_FAST");
        rows.traits(hosts.get(2), "HW_CPU_X86_SSE42");

        JsonNode body = candidates("resources=VCPU:1&" + traitQuery, "1.39");

        Set<String> expected = new HashSet<>();
        for (String name : expectedHosts.split(",")) {
            expected.add(hosts.get(List.of("avx2", "fast", "plain").indexOf(name)).toString());
        }
        assertThat(rootsOf(body)).isEqualTo(expected);
    }

    @Test
    void theUnsuffixedGroupsRequiredTraitsMayComeFromAnyProviderItUses() {
        UUID host = host("host", A100);
        rows.traits(host, "HW_CPU_X86_AVX2");

        assertThat(candidates("resources=VCPU:1,PGPU:1&required=HW_CPU_X86_AVX2," + A100, "1.39")
                .path("allocation_requests")).hasSize(1);
        assertThat(candidates("resources=VCPU:1&required=" + A100, "1.39").path("allocation_requests")).isEmpty();
    }

    @Test
    void memberOfFiltersByAggregatesOfTheProviderOrItsRoot() {
        UUID inAggregate = host("in", A100);
        UUID outside = host("out", A100);
        UUID aggregate = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        rows.aggregate(inAggregate, aggregate).aggregate(outside, other);

        assertThat(rootsOf(candidates("resources1=PGPU:1&member_of1=" + aggregate, "1.39")))
                .containsExactly(inAggregate.toString());
        assertThat(rootsOf(candidates("resources=VCPU:1&member_of=in:" + aggregate + "," + other, "1.39")))
                .containsExactlyInAnyOrder(inAggregate.toString(), outside.toString());
        assertThat(rootsOf(candidates("resources=VCPU:1&member_of=" + aggregate + "&member_of=" + other, "1.39"))).isEmpty();
        assertThat(rootsOf(candidates("resources=VCPU:1&member_of=!" + aggregate, "1.39")))
                .containsExactly(outside.toString());
    }

    @Test
    void inTreeKeepsCandidatesInTheTreeOfTheNamedProvider() {
        UUID first = host("first", A100);
        host("second", A100);
        UUID childOfFirst = UUID.fromString(jdbc.sql("SELECT uuid::text FROM resource_provider WHERE name = 'first_gpu0'")
                .query(String.class).single());

        assertThat(rootsOf(candidates("resources=PGPU:1&in_tree=" + childOfFirst, "1.39"))).containsExactly(first.toString());
        assertThat(candidates("resources=PGPU:1&in_tree=" + UUID.randomUUID(), "1.39").path("allocation_requests")).isEmpty();
    }

    @Test
    void rootRequiredLooksAtTheRootsTraitsOnly() {
        UUID enabled = host("enabled", A100);
        UUID disabled = host("disabled", A100);
        rows.traits(disabled, "COMPUTE_STATUS_DISABLED");

        assertThat(rootsOf(candidates("resources=PGPU:1&root_required=!COMPUTE_STATUS_DISABLED", "1.39")))
                .containsExactly(enabled.toString());
    }

    @Test
    void sameSubtreeKeepsGpusUnderOneNumaNodeNamedByAResourcelessGroup() {
        UUID host = rows.root("numa-host");
        for (int node = 0; node < 2; node++) {
            UUID numa = rows.child(host, "numa" + node);
            rows.traits(numa, "HW_NUMA_ROOT");
            for (int g = 0; g < 2; g++) {
                rows.inventory(rows.child(numa, "numa" + node + "_gpu" + g), "PGPU", 1);
            }
        }

        JsonNode body = candidates("resources_G1=PGPU:1&resources_G2=PGPU:1&required_NUMA=HW_NUMA_ROOT"
                + "&same_subtree=_NUMA,_G1,_G2&group_policy=isolate", "1.39");

        // Two ordered pairs per NUMA node; never one GPU from each node.
        assertThat(body.path("allocation_requests")).hasSize(4);
        for (JsonNode request : body.path("allocation_requests")) {
            String numa = request.path("mappings").path("_NUMA").get(0).asString();
            assertThat(request.path("allocations").has(numa)).isFalse();
            for (String group : List.of("_G1", "_G2")) {
                String gpu = request.path("mappings").path(group).get(0).asString();
                assertThat(body.path("provider_summaries").path(gpu).path("parent_provider_uuid").asString()).isEqualTo(numa);
            }
        }
    }

    @Test
    void capacityHonoursExistingAllocationsReservedAndAllocationRatio() {
        UUID compute = rows.root("compute");
        rows.inventory(compute, "VCPU", 10, 2, 1, 16, 1, 2.0); // capacity (10 - 2) * 2 = 16
        rows.allocate(compute, "VCPU", 10);

        assertThat(candidates("resources=VCPU:6", "1.39").path("allocation_requests")).hasSize(1);
        assertThat(candidates("resources=VCPU:7", "1.39").path("allocation_requests")).isEmpty();
    }

    @ParameterizedTest(name = "asking {0} of an inventory with min_unit 2, max_unit 8, step_size 2 finds {1}")
    @CsvSource({"1, 0", "2, 1", "3, 0", "8, 1", "10, 0"})
    void anAmountMustRespectMinUnitMaxUnitAndStepSize(int amount, int expected) {
        UUID compute = rows.root("compute");
        rows.inventory(compute, "VCPU", 64, 0, 2, 8, 2, 1.0);

        assertThat(candidates("resources=VCPU:" + amount, "1.39").path("allocation_requests")).hasSize(expected);
    }

    @Test
    void aChangeWrittenDirectlyInTheDatabaseByAnotherReplicaIsSeenByTheNextRequest() {
        UUID compute = rows.root("compute");
        rows.inventory(compute, "VCPU", 8);
        assertThat(candidates("resources=VCPU:16", "1.39").path("allocation_requests")).isEmpty();

        rows.changeTotal(compute, "VCPU", 32);
        assertThat(candidates("resources=VCPU:16", "1.39").path("allocation_requests")).hasSize(1);

        rows.allocate(compute, "VCPU", 20);
        assertThat(candidates("resources=VCPU:16", "1.39").path("allocation_requests")).isEmpty();

        UUID newHost = host("new-host", A100);
        assertThat(rootsOf(candidates("resources=PGPU:1", "1.39"))).containsExactly(newHost.toString());

        jdbc.sql("DELETE FROM inventory WHERE resource_provider_id IN (SELECT id FROM resource_provider WHERE parent_provider_id IS NOT NULL)").update();
        assertThat(candidates("resources=PGPU:1", "1.39").path("allocation_requests")).isEmpty();
    }

    @Test
    void belowMicroversion1_10TheResourceDoesNotExist() {
        assertThat(placement.get("/allocation_candidates?resources=VCPU:1", "1.9").status()).isEqualTo(404);
    }

    @Test
    void before1_12AllocationRequestsAreListsAndProviderSummariesHaveNoTraits() {
        UUID compute = rows.root("compute");
        rows.inventory(compute, "VCPU", 8).traits(compute, "HW_CPU_X86_AVX2");

        JsonNode body = candidates("resources=VCPU:1", "1.10");

        JsonNode allocation = body.path("allocation_requests").get(0).path("allocations").get(0);
        assertThat(allocation.path("resource_provider").path("uuid").asString()).isEqualTo(compute.toString());
        assertThat(allocation.path("resources").path("VCPU").asInt()).isEqualTo(1);
        assertThat(body.path("provider_summaries").path(compute.toString()).has("traits")).isFalse();
    }

    @Test
    void eachMicroversionAddsItsPieceToTheResponse() {
        UUID compute = rows.root("compute");
        rows.inventory(compute, "VCPU", 8).inventory(compute, "MEMORY_MB", 1024).traits(compute, "HW_CPU_X86_AVX2");
        String uuid = compute.toString();

        JsonNode v112 = candidates("resources=VCPU:1", "1.12");
        assertThat(v112.path("allocation_requests").get(0).path("allocations").path(uuid).path("resources").path("VCPU").asInt()).isEqualTo(1);
        assertThat(v112.path("allocation_requests").get(0).has("mappings")).isFalse();

        JsonNode v126 = candidates("resources=VCPU:1&required=HW_CPU_X86_AVX2", "1.26");
        assertThat(v126.path("provider_summaries").path(uuid).path("traits").get(0).asString()).isEqualTo("HW_CPU_X86_AVX2");
        assertThat(v126.path("provider_summaries").path(uuid).path("resources").has("MEMORY_MB")).isFalse();
        assertThat(v126.path("provider_summaries").path(uuid).has("root_provider_uuid")).isFalse();

        JsonNode v127 = candidates("resources=VCPU:1", "1.27");
        assertThat(v127.path("provider_summaries").path(uuid).path("resources").has("MEMORY_MB")).isTrue();

        JsonNode v129 = candidates("resources=VCPU:1", "1.29");
        assertThat(v129.path("provider_summaries").path(uuid).path("root_provider_uuid").asString()).isEqualTo(uuid);
        assertThat(v129.path("allocation_requests").get(0).has("mappings")).isFalse();

        JsonNode v134 = candidates("resources=VCPU:1", "1.34");
        assertThat(v134.path("allocation_requests").get(0).path("mappings").path("").get(0).asString()).isEqualTo(uuid);
    }

    @Test
    void before1_29ACandidateMayNotSpanTwoProvidersOfATree() {
        host("host", A100);

        assertThat(candidates("resources=VCPU:1,PGPU:1", "1.28").path("allocation_requests")).isEmpty();
        assertThat(candidates("resources=VCPU:1,PGPU:1", "1.29").path("allocation_requests")).hasSize(1);
        JsonNode childOnly = candidates("resources=PGPU:1", "1.28");
        assertThat(childOnly.path("allocation_requests")).hasSize(1);
        assertThat(childOnly.path("provider_summaries").size()).isEqualTo(1);
    }
}
