package io.gpucloud.agent.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.agent.discovery.HostDiscovery;
import io.gpucloud.agent.domain.CpuSet;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.host.PciAddress;
import io.gpucloud.common.placement.Inventory;
import io.gpucloud.common.placement.PlacementClient;
import io.gpucloud.common.placement.Provider;
import io.gpucloud.common.messaging.contract.HostHeartbeat;
import io.gpucloud.scheduler.RunningPlacement;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent registers a simulated 8×A100 host in the real Placement API and keeps it in step. */
class ProviderRegistrationTest {

    private static final Path HOSTS = Path.of("..", "deploy", "hosts").toAbsolutePath().normalize();
    private static RunningPlacement placementService;
    private static PlacementClient placement;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startPlacement() {
        placementService = new RunningPlacement();
        placement = placementService.client();
    }

    @AfterAll
    static void stopPlacement() {
        placementService.close();
    }

    private HostReporter reporter(String host, AtomicReference<HostInventory> inventory, List<HostHeartbeat> beats) {
        return reporter(host, inventory, beats, Set.of());
    }

    private HostReporter reporter(String host, AtomicReference<HostInventory> inventory, List<HostHeartbeat> beats,
            Set<Integer> dedicatedCpus) {
        return new HostReporter(host, inventory::get,
                new HostReporter.PlanSettings(Map.of(), 500, 2, 4096, dedicatedCpus),
                new OutOfServiceGpus(List.of(), stateDir.resolve("gpus-out-of-service")),
                new ProviderTreeSync(placement, 4.0, 1.0), beats::add, () -> 3, Duration.ofSeconds(10),
                Clock.systemUTC());
    }

    private static HostInventory a100Host() {
        return HostDiscovery.forLibvirt("test://" + HOSTS.resolve("a100-8x-2numa.xml")).discover();
    }

    @Test
    void registersTheHostAsATreeWithOneProviderPerGpu() {
        List<HostHeartbeat> beats = new ArrayList<>();
        HostReporter reporter = reporter("reg-a100-1", new AtomicReference<>(a100Host()), beats);
        assertThat(reporter.heartbeat()).as("no heartbeat before the host is registered").isFalse();

        reporter.reportInventory();

        Provider root = placement.findByName("reg-a100-1").orElseThrow();
        Map<String, Inventory> rootInventory = placement.inventories(root.uuid()).inventories();
        assertThat(rootInventory).containsOnlyKeys("VCPU", "MEMORY_MB", "DISK_GB");
        assertThat(rootInventory.get("VCPU").reserved()).isEqualTo(2);
        assertThat(rootInventory.get("VCPU").allocationRatio()).isEqualTo(4.0);
        assertThat(rootInventory.get("MEMORY_MB").reserved()).isEqualTo(4096);
        assertThat(rootInventory.get("DISK_GB").total()).isEqualTo(500);

        List<Provider> gpus = placement.tree(root.uuid()).stream().filter(p -> root.uuid().equals(p.parentUuid()))
                .toList();
        assertThat(gpus).hasSize(8).allSatisfy(gpu -> {
            assertThat(gpu.name()).startsWith("reg-a100-1_pci_");
            assertThat(placement.inventories(gpu.uuid()).inventories())
                    .containsExactly(Map.entry("PGPU", new Inventory(1, 0, 1, 1, 1, 1.0)));
            assertThat(placement.traits(gpu.uuid()).traits()).contains("CUSTOM_GPU_NVIDIA_A100_80GB",
                    "CUSTOM_GPU_MEMORY_80GB");
        });
        // NVLink domain ids are per host; the trait qualifies them with the host's name.
        assertThat(gpus.stream().flatMap(gpu -> placement.traits(gpu.uuid()).traits().stream())
                .filter(trait -> trait.startsWith("CUSTOM_NVLINK_DOMAIN_")).distinct())
                .allSatisfy(trait -> assertThat(trait).startsWith("CUSTOM_NVLINK_DOMAIN_REG_A100_1_"))
                .isNotEmpty();

        assertThat(reporter.heartbeat()).isTrue();
        assertThat(beats).singleElement().satisfies(beat -> {
            assertThat(beat.host()).isEqualTo("reg-a100-1");
            assertThat(beat.hostProvider()).isEqualTo(root.uuid());
            assertThat(beat.instances()).isEqualTo(3);
        });
    }

    @Test
    void theAgentLoopSendsItsFirstHeartbeatAsSoonAsTheHostIsRegistered() throws Exception {
        List<HostHeartbeat> beats = new CopyOnWriteArrayList<>();
        HostReporter reporter = reporter("reg-a100-loop", new AtomicReference<>(a100Host()), beats);
        // Intervals of an hour: only the start can produce the heartbeat this waits for.
        AgentLoop loop = new AgentLoop(reporter, Duration.ofHours(1), Duration.ofHours(1), () -> { },
                Duration.ofHours(1));
        loop.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (beats.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        finally {
            loop.stop();
        }
        assertThat(beats).singleElement().satisfies(beat -> assertThat(beat.hostProvider())
                .isEqualTo(placement.findByName("reg-a100-loop").orElseThrow().uuid()));
    }

    @Test
    void dedicatedCpusAreOfferedAsPcpuAndNoLongerAsVcpu() {
        Set<Integer> dedicated = new java.util.HashSet<>(CpuSet.parse("20-79,100-159"));
        reporter("reg-a100-pcpu", new AtomicReference<>(a100Host()), new ArrayList<>(), dedicated).reportInventory();

        Provider root = placement.findByName("reg-a100-pcpu").orElseThrow();
        Map<String, Inventory> rootInventory = placement.inventories(root.uuid()).inventories();
        assertThat(rootInventory).containsOnlyKeys("VCPU", "PCPU", "MEMORY_MB", "DISK_GB");
        assertThat(rootInventory.get("PCPU").total()).isEqualTo(120);
        assertThat(rootInventory.get("PCPU").allocationRatio()).isEqualTo(1.0);
        assertThat(rootInventory.get("PCPU").reserved()).isZero();
        assertThat(rootInventory.get("VCPU").total()).isEqualTo(40);
        assertThat(rootInventory.get("VCPU").reserved()).isEqualTo(2);
    }

    @Test
    void anUnchangedHostWritesNothingAndARestartedAgentFindsItsTree() {
        AtomicReference<HostInventory> inventory = new AtomicReference<>(a100Host());
        reporter("reg-a100-2", inventory, new ArrayList<>()).reportInventory();
        Provider root = placement.findByName("reg-a100-2").orElseThrow();
        int providers = placement.tree(root.uuid()).size();

        // A new agent process (nothing remembered) syncs the same host: same providers, generations unchanged.
        reporter("reg-a100-2", inventory, new ArrayList<>()).reportInventory();

        Provider again = placement.findByName("reg-a100-2").orElseThrow();
        assertThat(again.uuid()).isEqualTo(root.uuid());
        assertThat(again.generation()).isEqualTo(root.generation());
        assertThat(placement.tree(root.uuid())).hasSize(providers);
    }

    @Test
    void aGpuTakenOutOfServiceIsHeldReservedWithoutTouchingItsAllocation() throws Exception {
        AtomicReference<HostInventory> inventory = new AtomicReference<>(a100Host());
        HostReporter reporter = reporter("reg-a100-3", inventory, new ArrayList<>());
        HostPlan plan = reporter.reportInventory();
        GpuSlot slot = plan.gpus().get(0);
        UUID gpuProvider = placement.findByName(slot.providerName()).orElseThrow().uuid();
        UUID rootProvider = placement.findByName("reg-a100-3").orElseThrow().uuid();
        UUID guest = UUID.randomUUID();
        assertThat(allocate(guest, rootProvider, gpuProvider)).isEqualTo(204);

        Files.writeString(stateDir.resolve("gpus-out-of-service"), "# drained by ops\n" + slot.address()
                + "  XID 79\nnot-an-address\n");
        reporter.reportInventory();

        assertThat(placement.inventories(gpuProvider).inventories().get("PGPU"))
                .isEqualTo(new Inventory(1, 1, 1, 1, 1, 1.0));
        assertThat(allocationOf(guest)).contains(gpuProvider.toString());

        // Back in service when the line goes.
        Files.writeString(stateDir.resolve("gpus-out-of-service"), "");
        reporter.reportInventory();
        assertThat(placement.inventories(gpuProvider).inventories().get("PGPU").reserved()).isZero();
    }

    @Test
    void aVanishedGpuIsRemovedUnlessAGuestStillHoldsIt() throws Exception {
        HostInventory full = a100Host();
        AtomicReference<HostInventory> inventory = new AtomicReference<>(full);
        HostReporter reporter = reporter("reg-a100-4", inventory, new ArrayList<>());
        HostPlan plan = reporter.reportInventory();
        GpuSlot held = plan.gpus().get(0);
        GpuSlot free = plan.gpus().get(1);
        UUID heldProvider = placement.findByName(held.providerName()).orElseThrow().uuid();
        UUID rootProvider = placement.findByName("reg-a100-4").orElseThrow().uuid();
        assertThat(allocate(UUID.randomUUID(), rootProvider, heldProvider)).isEqualTo(204);

        List<PciAddress> gone = List.of(held.address(), free.address());
        inventory.set(new HostInventory(full.hostname(), full.cpuModel(), full.cpuTopology(), full.vcpus(),
                full.memoryMb(), full.numaCells(), full.gpus().stream().filter(g -> !gone.contains(g.address()))
                        .toList()));
        reporter.reportInventory();

        assertThat(placement.findByName(free.providerName())).isEmpty();
        assertThat(placement.findByName(held.providerName())).isPresent();
        assertThat(placement.inventories(heldProvider).inventories().get("PGPU").reserved()).isEqualTo(1);
        assertThat(placement.tree(rootProvider)).hasSize(1 + 7);
    }

    private static int allocate(UUID consumer, UUID root, UUID gpu) throws Exception {
        String body = """
                {"allocations": {"%s": {"resources": {"VCPU": 4, "MEMORY_MB": 8192}},
                                 "%s": {"resources": {"PGPU": 1}}},
                 "project_id": "p1", "user_id": "u1", "consumer_generation": null, "consumer_type": "INSTANCE"}
                """.formatted(root, gpu);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(placementService.baseUrl() + "/allocations/" + consumer))
                .header("X-Auth-Token", RunningPlacement.TOKENS.admin())
                .header("OpenStack-API-Version", "placement 1.39").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static String allocationOf(UUID consumer) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(placementService.baseUrl() + "/allocations/" + consumer))
                .header("X-Auth-Token", RunningPlacement.TOKENS.admin())
                .header("OpenStack-API-Version", "placement 1.39").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
