package io.gpucloud.scheduler.candidate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementTestBase;
import io.gpucloud.scheduler.SchedulerApplication;
import io.gpucloud.scheduler.allocation.AllocationRequest;
import io.gpucloud.scheduler.allocation.AllocationService;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.consumer.ConsumerOwner;
import io.gpucloud.scheduler.consumer.ExpectedGeneration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two scheduler replicas over one database, as DESIGN.md's "stateless replicas, atomic claims" promises:
 * the test's own Spring context (replica A) and a second {@link SchedulerApplication} context (replica B)
 * on the same {@code cloud.db.url}, each with its own {@link ProviderIndex}. Eight clients, half on each
 * replica, ask their replica for candidates, claim one at random through that replica's
 * {@link AllocationService}, and retry on 409 until no candidate is left. Then, from the database: nothing
 * is over-allocated, every GPU is held exactly once, and each replica's index offers no GPU any more
 * (each learned of the other's claims through the {@code provider_change} log). A replica whose index did
 * not follow the log would keep offering GPUs the other claimed: its clients would spin on 409s until the
 * deadline, and the final "no candidates" check would fail.
 */
class TwoReplicasTest extends PlacementTestBase {

    private static final String A100 = "CUSTOM_GPU_NVIDIA_A100_80GB";
    private static final int HOSTS = 20;
    private static final int GPUS_PER_HOST = 8;
    private static final int CLIENTS_PER_REPLICA = 4;
    private static final long CLAIM_PHASE_SECONDS = 30;

    /** One whole GPU, anywhere. */
    private static final AllocationCandidateRequest ONE_GPU = AllocationCandidateRequest.of(
            List.of(RequestGroup.resources("", Map.of("PGPU", 1))), false, OptionalInt.of(5));

    /** Two distinct A100s of one host, with CPU and memory from that host. */
    private static final AllocationCandidateRequest TWO_GPUS = AllocationCandidateRequest.of(List.of(
            RequestGroup.resources("", Map.of("VCPU", 4, "MEMORY_MB", 16384)),
            RequestGroup.resources("1", Map.of("PGPU", 1)).withRequiredTraits(A100),
            RequestGroup.resources("2", Map.of("PGPU", 1)).withRequiredTraits(A100)), true, OptionalInt.of(5));

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @Autowired
    AllocationCandidates candidatesA;

    @Autowired
    AllocationService allocationsA;

    @Autowired
    ProviderIndex indexA;

    ProviderRows rows;

    @BeforeEach
    void startFromNothing() {
        rows = new ProviderRows(jdbc);
        rows.deleteEverything();
    }

    @AfterEach
    void leaveNothing() {
        rows.deleteEverything();
    }

    /** What one client did. */
    private record Tally(String replica, int claims, int gpus, int conflicts) {
    }

    @Test
    void concurrentClientsOnTwoReplicasClaimEveryGpuExactlyOnce() throws Exception {
        String databaseUrl = environment.getRequiredProperty("cloud.db.url");
        // As arguments, not builder properties: those are defaults, below scheduler.properties' server.port=8778.
        try (ConfigurableApplicationContext replicaB = SchedulerApplication.application().run("--server.port=0",
                "--cloud.identity.url=http://127.0.0.1:9/v3", "--cloud.identity.key-refresh=PT1H",
                "--cloud.scheduler.worker.enabled=false",
                "--cloud.db.url=" + databaseUrl)) {
            AllocationCandidates candidatesB = replicaB.getBean(AllocationCandidates.class);
            AllocationService allocationsB = replicaB.getBean(AllocationService.class);
            assertThat(candidatesB).isNotSameAs(candidatesA);
            assertThat(replicaB.getBean(ProviderIndex.class)).isNotSameAs(indexA);

            // Registered after both replicas started: both indexes learn of the pool through the change log.
            registerPool();
            assertThat(candidatesA.find(ONE_GPU).allocationRequests()).isNotEmpty();
            assertThat(candidatesB.find(ONE_GPU).allocationRequests()).isNotEmpty();

            Map<UUID, Integer> gpusByConsumer = new ConcurrentHashMap<>();
            long started = System.nanoTime();
            List<Tally> tallies = runClients(candidatesA, allocationsA, candidatesB, allocationsB, gpusByConsumer);
            long millis = (System.nanoTime() - started) / 1_000_000;

            int claims = tallies.stream().mapToInt(Tally::claims).sum();
            int conflicts = tallies.stream().mapToInt(Tally::conflicts).sum();
            System.out.printf("two replicas, %d hosts x %d GPUs, %d clients: %d claims (%d GPUs) in %d ms, "
                    + "%d retries after 409; per client %s%n", HOSTS, GPUS_PER_HOST, tallies.size(), claims,
                    tallies.stream().mapToInt(Tally::gpus).sum(), millis, conflicts, tallies);

            assertThat(overAllocated()).as("over-allocated (provider, class)").isEmpty();
            assertThat(gpusNotHeldExactlyOnce()).as("GPUs not held exactly once").isEmpty();
            assertThat(tallies.stream().mapToInt(Tally::gpus).sum()).as("GPUs claimed by the clients")
                    .isEqualTo(HOSTS * GPUS_PER_HOST);
            assertThat(heldByConsumer()).as("what each consumer holds").isEqualTo(gpusByConsumer);
            assertThat(consumersSpanningTrees()).as("consumers holding from more than one host").isEmpty();
            for (String replica : List.of("A", "B")) {
                assertThat(tallies.stream().filter(t -> t.replica().equals(replica)).mapToInt(Tally::claims).sum())
                        .as("claims through replica %s", replica).isPositive();
            }

            // Each index, asked now, knows of every claim, including those the other replica made.
            assertThat(candidatesA.find(ONE_GPU).allocationRequests()).as("replica A offers a GPU").isEmpty();
            assertThat(candidatesB.find(ONE_GPU).allocationRequests()).as("replica B offers a GPU").isEmpty();
            assertThat(candidatesA.find(TWO_GPUS).allocationRequests()).isEmpty();
            assertThat(candidatesB.find(TWO_GPUS).allocationRequests()).isEmpty();
        }
    }

    /** HOSTS roots with VCPU/MEMORY_MB/DISK_GB, each with GPUS_PER_HOST children of PGPU:1 (A100, NVLink domain). */
    private void registerPool() {
        for (int h = 0; h < HOSTS; h++) {
            UUID root = rows.root("replica-host-" + h);
            rows.inventory(root, "VCPU", 64).inventory(root, "MEMORY_MB", 524288).inventory(root, "DISK_GB", 1000);
            for (int g = 0; g < GPUS_PER_HOST; g++) {
                UUID gpu = rows.child(root, "replica-host-" + h + "-gpu" + g);
                rows.inventory(gpu, "PGPU", 1).traits(gpu, A100, "CUSTOM_NVLINK_DOMAIN_" + h);
            }
        }
    }

    private List<Tally> runClients(AllocationCandidates candidatesA, AllocationService allocationsA,
            AllocationCandidates candidatesB, AllocationService allocationsB, Map<UUID, Integer> gpusByConsumer)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2 * CLIENTS_PER_REPLICA);
        try {
            CountDownLatch start = new CountDownLatch(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLAIM_PHASE_SECONDS);
            List<Future<Tally>> clients = new ArrayList<>();
            for (int i = 0; i < 2 * CLIENTS_PER_REPLICA; i++) {
                boolean onA = i % 2 == 0;
                // Per replica, half the clients want one GPU and half two, so the pool ends fully claimed.
                AllocationCandidateRequest wanted = (i / 2) % 2 == 0 ? ONE_GPU : TWO_GPUS;
                AllocationCandidates candidates = onA ? candidatesA : candidatesB;
                AllocationService allocations = onA ? allocationsA : allocationsB;
                String replica = onA ? "A" : "B";
                clients.add(pool.submit(() -> {
                    start.await();
                    return client(replica, candidates, allocations, wanted, deadline, gpusByConsumer);
                }));
            }
            start.countDown();
            List<Tally> tallies = new ArrayList<>();
            for (Future<Tally> client : clients) {
                tallies.add(client.get(CLAIM_PHASE_SECONDS + 10, TimeUnit.SECONDS));
            }
            return tallies;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One scheduler's loop: candidates from its replica, one picked at random, claimed for a new consumer
     * (consumer generation null, as at 1.28); on 409 the same consumer asks again, until none is left.
     */
    private static Tally client(String replica, AllocationCandidates candidates, AllocationService allocations,
            AllocationCandidateRequest wanted, long deadline, Map<UUID, Integer> gpusByConsumer) {
        int claims = 0;
        int gpus = 0;
        int conflicts = 0;
        UUID consumer = UUID.randomUUID();
        while (true) {
            if (Thread.currentThread().isInterrupted()) { // another client failed; the test is over
                return new Tally(replica, claims, gpus, conflicts);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("replica " + replica + " client still finds candidates after "
                        + CLAIM_PHASE_SECONDS + " s (" + claims + " claims, " + conflicts + " 409s): stale index?");
            }
            List<AllocationCandidatesResult.AllocationRequest> found = candidates.find(wanted).allocationRequests();
            if (found.isEmpty()) {
                return new Tally(replica, claims, gpus, conflicts);
            }
            AllocationCandidatesResult.AllocationRequest pick = found.get(ThreadLocalRandom.current().nextInt(found.size()));
            try {
                allocations.replace(new AllocationRequest(new ConsumerOwner(consumer, "project", "user", null),
                        ExpectedGeneration.newConsumer(), pick.allocations()));
            } catch (PlacementException e) {
                assertThat(e.status()).as(e.getMessage()).isEqualTo(409);
                conflicts++;
                continue;
            }
            int claimed = pick.allocations().values().stream()
                    .mapToInt(resources -> resources.getOrDefault("PGPU", 0)).sum();
            gpusByConsumer.put(consumer, claimed);
            claims++;
            gpus += claimed;
            consumer = UUID.randomUUID();
        }
    }

    private List<String> overAllocated() {
        return jdbc.sql("""
                SELECT rp.name || ' ' || rc.name || ' used ' || SUM(a.used) || ' of '
                       || COALESCE(((i.total - i.reserved) * i.allocation_ratio)::text, 'no inventory')
                FROM allocation a
                JOIN resource_provider rp ON rp.id = a.resource_provider_id
                JOIN resource_class rc ON rc.id = a.resource_class_id
                LEFT JOIN inventory i ON i.resource_provider_id = a.resource_provider_id
                                     AND i.resource_class_id = a.resource_class_id
                GROUP BY rp.name, rc.name, i.total, i.reserved, i.allocation_ratio
                HAVING i.total IS NULL OR SUM(a.used) > (i.total - i.reserved) * i.allocation_ratio
                """).query(String.class).list();
    }

    private List<String> gpusNotHeldExactlyOnce() {
        return jdbc.sql("""
                SELECT rp.name || ' held by ' || COUNT(a.id) || ' allocations, ' || COALESCE(SUM(a.used), 0) || ' units'
                FROM inventory i
                JOIN resource_provider rp ON rp.id = i.resource_provider_id
                JOIN resource_class rc ON rc.id = i.resource_class_id AND rc.name = 'PGPU'
                LEFT JOIN allocation a ON a.resource_provider_id = i.resource_provider_id
                                      AND a.resource_class_id = i.resource_class_id
                GROUP BY rp.name
                HAVING COUNT(a.id) <> 1 OR COALESCE(SUM(a.used), 0) <> 1
                """).query(String.class).list();
    }

    /** Consumer uuid to the PGPU units it holds, for every consumer in the database. */
    private Map<UUID, Integer> heldByConsumer() {
        Map<UUID, Integer> held = new java.util.HashMap<>();
        jdbc.sql("""
                SELECT c.uuid, COALESCE(SUM(a.used) FILTER (WHERE rc.name = 'PGPU'), 0)
                FROM consumer c
                LEFT JOIN allocation a ON a.consumer_uuid = c.uuid
                LEFT JOIN resource_class rc ON rc.id = a.resource_class_id
                GROUP BY c.uuid
                """).query(rs -> {
                    held.put(rs.getObject(1, UUID.class), rs.getInt(2));
                });
        return held;
    }

    private List<String> consumersSpanningTrees() {
        return jdbc.sql("""
                SELECT a.consumer_uuid::text
                FROM allocation a JOIN resource_provider rp ON rp.id = a.resource_provider_id
                GROUP BY a.consumer_uuid
                HAVING COUNT(DISTINCT rp.root_provider_id) <> 1
                """).query(String.class).list();
    }
}
