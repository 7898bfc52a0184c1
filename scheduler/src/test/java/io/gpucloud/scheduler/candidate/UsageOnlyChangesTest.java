package io.gpucloud.scheduler.candidate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementTestBase;
import io.gpucloud.scheduler.allocation.AllocationRequest;
import io.gpucloud.scheduler.allocation.AllocationService;
import io.gpucloud.scheduler.consumer.ConsumerOwner;
import io.gpucloud.scheduler.consumer.ExpectedGeneration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Claims and releases change only usage: the change log marks their rows usage-only (and a claim's generation
 * bump leaves none), and the index copies the new usage into the tree instead of reloading it; when the
 * inventories it holds no longer match the database's it loads the tree whole. A rename is structural: the index
 * holds names, which the scheduler sends to the hosts.
 */
class UsageOnlyChangesTest extends PlacementTestBase {

    private static final AllocationCandidateRequest ONE_GPU = AllocationCandidateRequest.of(
            List.of(RequestGroup.resources("", Map.of("PGPU", 1))), false, OptionalInt.empty());

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AllocationCandidates candidates;

    @Autowired
    AllocationService allocations;

    @Autowired
    ProviderIndex index;

    ProviderRows rows;
    UUID host;
    UUID gpu0;
    UUID gpu1;

    @BeforeEach
    void oneHostWithTwoGpus() {
        rows = new ProviderRows(jdbc);
        rows.deleteEverything();
        host = rows.root("host");
        rows.inventory(host, "VCPU", 16);
        gpu0 = rows.child(host, "host-gpu-0");
        gpu1 = rows.child(host, "host-gpu-1");
        rows.inventory(gpu0, "PGPU", 1).inventory(gpu1, "PGPU", 1);
        index.refresh();
    }

    @AfterEach
    void leaveNothing() {
        rows.deleteEverything();
    }

    @Test
    void aClaimLeavesOnlyUsageRowsAndTheIndexFollowsClaimAndRelease() {
        assertThat(offeredGpus()).containsExactlyInAnyOrder(gpu0, gpu1);
        long before = lastChangeId();

        UUID consumer = claim(gpu0);
        assertThat(changesAfter(before)).as("(provider, usage_only) rows the claim left")
                .containsExactly(Map.entry(providerId(gpu0), true));
        assertThat(offeredGpus()).containsExactly(gpu1);
        assertThat(summaryUsed(gpu1, "PGPU")).isZero();

        allocations.delete(consumer);
        assertThat(offeredGpus()).containsExactlyInAnyOrder(gpu0, gpu1);
    }

    @Test
    void aStructuralChangeStillReloadsTheTree() {
        long before = lastChangeId();
        rows.traits(gpu1, "CUSTOM_GPU_NVIDIA_A100_80GB");
        assertThat(changesAfter(before)).containsExactly(Map.entry(providerId(gpu1), false));
        AllocationCandidateRequest a100 = AllocationCandidateRequest.of(List.of(RequestGroup.resources("",
                Map.of("PGPU", 1)).withRequiredTraits("CUSTOM_GPU_NVIDIA_A100_80GB")), false, OptionalInt.empty());
        assertThat(candidates.find(a100).allocationRequests()).hasSize(1);
    }

    @Test
    void aRenameReloadsTheTreeSoTheIndexNamesTheProvidersAsTheDatabaseDoes() {
        assertThat(names()).containsExactly("host", "host-gpu-0", "host-gpu-1");
        long before = lastChangeId();
        jdbc.sql("UPDATE resource_provider SET name = 'renamed-gpu-1' WHERE uuid = :uuid").param("uuid", gpu1).update();
        assertThat(changesAfter(before)).containsExactly(Map.entry(providerId(gpu1), false));
        assertThat(names()).containsExactly("host", "host-gpu-0", "renamed-gpu-1");
    }

    @Test
    void usageThatNoLongerMatchesTheIndexedInventoriesLoadsTheTreeWhole() {
        // An inventory added whose own log row the index has not seen (as when it commits between the change
        // read and the usage read): the next usage-only change finds two inventories where the index holds one.
        long before = lastChangeId();
        rows.inventory(gpu1, "MEMORY_MB", 4096);
        jdbc.sql("DELETE FROM provider_change WHERE id > :before").param("before", before).update();
        claim(gpu1);

        // A granular group: GPU and memory from one provider, which only gpu1 can be.
        AllocationCandidateRequest gpuWithMemory = AllocationCandidateRequest.of(
                List.of(RequestGroup.resources("1", Map.of("PGPU", 1, "MEMORY_MB", 1024))), false, OptionalInt.empty());
        assertThat(candidates.find(gpuWithMemory).allocationRequests()).as("gpu1 is held").isEmpty();
        jdbc.sql("DELETE FROM allocation").update();
        jdbc.sql("DELETE FROM consumer").update();
        assertThat(candidates.find(gpuWithMemory).allocationRequests()).as("the tree reloaded: gpu1 has memory")
                .singleElement()
                .satisfies(request -> assertThat(request.allocations()).containsOnlyKeys(gpu1));
    }

    private UUID claim(UUID gpu) {
        UUID consumer = UUID.randomUUID();
        allocations.replace(new AllocationRequest(new ConsumerOwner(consumer, "project", "user", "INSTANCE"),
                ExpectedGeneration.newConsumer(), Map.of(gpu, Map.of("PGPU", 1))));
        return consumer;
    }

    private List<UUID> offeredGpus() {
        return candidates.find(ONE_GPU).allocationRequests().stream()
                .flatMap(request -> request.allocations().keySet().stream()).toList();
    }

    private long summaryUsed(UUID provider, String resourceClass) {
        return candidates.find(ONE_GPU).providerSummaries().get(provider).resources().get(resourceClass).used();
    }

    private List<String> names() {
        return candidates.host(host).orElseThrow().providers().stream().map(HostView.ProviderView::name).sorted()
                .toList();
    }

    private long lastChangeId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM provider_change").query(Long.class).single();
    }

    private long providerId(UUID uuid) {
        return jdbc.sql("SELECT id FROM resource_provider WHERE uuid = :uuid").param("uuid", uuid)
                .query(Long.class).single();
    }

    private List<Map.Entry<Long, Boolean>> changesAfter(long id) {
        return jdbc.sql("SELECT DISTINCT provider_id, usage_only FROM provider_change WHERE id > :id")
                .param("id", id).query((rs, n) -> Map.entry(rs.getLong(1), rs.getBoolean(2))).list();
    }
}
