package io.gpucloud.scheduler.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.testing.TestDatabase;
import io.gpucloud.scheduler.SchedulerApplication;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.consumer.Consumer;
import io.gpucloud.scheduler.consumer.ConsumerOwner;
import io.gpucloud.scheduler.consumer.Consumers;
import io.gpucloud.scheduler.consumer.ExpectedGeneration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Random interleavings of concurrent claims, replacements and releases never allocate more than any
 * inventory holds, and leave consumers exactly where allocations are. Each try makes a few providers with
 * small inventories and lets several threads race through random operations on a shared pool of
 * consumers, through {@link AllocationService} as the scheduler worker calls it; then the database is
 * checked. (jqwik does not run Spring's test extension, so the service runs in a context of its own.)
 */
class ConcurrentClaimsPropertyTest {

    private static final int PROVIDERS = 3;
    private static final int CONSUMERS = 6;
    private static final int THREADS = 4;
    private static final List<String> CLASSES = List.of("PGPU", "VCPU");

    private static TestDatabase database;
    private static ConfigurableApplicationContext context;

    /** One amount of one class from one of the try's providers. */
    record Want(int provider, String resourceClass, int amount) {
    }

    enum Kind {
        /** Replace the consumer's allocations, last writer wins (before microversion 1.28). */
        CLAIM,
        /** Replace them naming the generation just read (1.28): loses to any write in between. */
        CLAIM_AT_READ_GENERATION,
        /** Release everything the consumer holds. */
        RELEASE
    }

    record Operation(Kind kind, int consumer, List<Want> wants) {
    }

    record Inventory(int gpus, int reservedGpus, int vcpus, double vcpuRatio) {
    }

    @BeforeContainer
    static void startPlacement() {
        database = TestDatabase.create("placement_claims");
        // Arguments, not default properties: scheduler.properties' port 8778 would win over a default.
        context = SchedulerApplication.application().run("--server.port=0",
                "--cloud.identity.url=http://127.0.0.1:9/v3", "--cloud.identity.key-refresh=PT1H",
                "--cloud.db.url=" + database.jdbcUrl());
    }

    @AfterContainer
    static void stopPlacement() {
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Property(tries = 15)
    void concurrentClaimsNeverExceedAnyInventory(@ForAll("inventories") List<Inventory> inventories,
            @ForAll("threads") List<List<Operation>> threads) throws Exception {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        Providers providers = new Providers(jdbc);
        List<UUID> providerUuids = new ArrayList<>();
        for (Inventory inventory : inventories) {
            UUID provider = providers.aProvider();
            providers.withInventory(provider, "PGPU", inventory.gpus(), inventory.reservedGpus(), 1, inventory.gpus(), 1, 1.0)
                    .withInventory(provider, "VCPU", inventory.vcpus(), 0, 1, inventory.vcpus(), 1, inventory.vcpuRatio());
            providerUuids.add(provider);
        }
        List<UUID> consumers = new ArrayList<>();
        for (int i = 0; i < CONSUMERS; i++) {
            consumers.add(UUID.randomUUID());
        }

        List<String> outcomes = runConcurrently(threads, providerUuids, consumers);
        outcomes.forEach(outcome -> Statistics.label("outcome").collect(outcome));

        assertThat(overAllocatedInventories(jdbc, providerUuids)).isEmpty();
        assertThat(allocationsBreakingUnitRules(jdbc, providerUuids)).isEmpty();
        for (UUID consumer : consumers) {
            boolean holdsSomething = jdbc.sql("SELECT count(*) FROM allocation WHERE consumer_uuid = :c")
                    .param("c", consumer).query(Integer.class).single() > 0;
            assertThat(providers.consumerExists(consumer)).as("consumer %s exists", consumer).isEqualTo(holdsSomething);
        }
    }

    @Provide
    Arbitrary<List<Inventory>> inventories() {
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(2, 8), Arbitraries.of(1.0, 1.5)).as(Inventory::new)
                .list().ofSize(PROVIDERS);
    }

    @Provide
    Arbitrary<List<List<Operation>>> threads() {
        Arbitrary<Want> want = Combinators.combine(Arbitraries.integers().between(0, PROVIDERS - 1),
                Arbitraries.of(CLASSES), Arbitraries.integers().between(1, 4)).as(Want::new);
        Arbitrary<Operation> operation = Combinators.combine(
                Arbitraries.of(Kind.class), Arbitraries.integers().between(0, CONSUMERS - 1),
                want.list().ofMinSize(1).ofMaxSize(3)).as(Operation::new);
        return operation.list().ofMinSize(2).ofMaxSize(6).list().ofSize(THREADS);
    }

    /** @return each operation's outcome: "applied" or the refusal's status */
    private static List<String> runConcurrently(List<List<Operation>> threads, List<UUID> providers,
            List<UUID> consumers) throws Exception {
        List<String> outcomes = new CopyOnWriteArrayList<>();
        AllocationService service = context.getBean(AllocationService.class);
        Consumers consumerRecords = context.getBean(Consumers.class);
        ExecutorService pool = Executors.newFixedThreadPool(threads.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (List<Operation> operations : threads) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (Operation operation : operations) {
                        outcomes.add(operation.kind() + " " + apply(operation, service, consumerRecords, providers,
                                consumers));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> thread : done) {
                thread.get(); // an unexpected exception (500-worthy) fails the property here
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String apply(Operation operation, AllocationService service, Consumers consumerRecords,
            List<UUID> providers, List<UUID> consumers) {
        UUID consumer = consumers.get(operation.consumer());
        try {
            switch (operation.kind()) {
                case RELEASE -> service.delete(consumer);
                case CLAIM -> service.replace(request(consumer, ExpectedGeneration.unchecked(), operation, providers));
                case CLAIM_AT_READ_GENERATION -> {
                    Integer generation = consumerRecords.find(consumer).map(Consumer::generation).orElse(null);
                    service.replace(request(consumer, ExpectedGeneration.ofNullable(generation), operation, providers));
                }
            }
            return "applied";
        } catch (PlacementException e) {
            // Refusals are expected under contention: over capacity, a generation moved on, nothing to delete.
            assertThat(e.status()).as(e.getMessage()).isIn(404, 409);
            return "refused " + e.status();
        }
    }

    private static AllocationRequest request(UUID consumer, ExpectedGeneration generation, Operation operation,
            List<UUID> providers) {
        Map<UUID, Map<String, Integer>> resources = new LinkedHashMap<>();
        for (Want want : operation.wants()) {
            resources.computeIfAbsent(providers.get(want.provider()), p -> new LinkedHashMap<>())
                    .merge(want.resourceClass(), want.amount(), Integer::sum);
        }
        return new AllocationRequest(new ConsumerOwner(consumer, "project", "user", null), generation, resources);
    }

    private static List<String> overAllocatedInventories(JdbcClient jdbc, List<UUID> providers) {
        return jdbc.sql("""
                SELECT rp.uuid || ' ' || rc.name || ' used ' || SUM(a.used) || ' of '
                       || ((i.total - i.reserved) * i.allocation_ratio)
                FROM inventory i
                JOIN resource_provider rp ON rp.id = i.resource_provider_id
                JOIN resource_class rc ON rc.id = i.resource_class_id
                JOIN allocation a ON a.resource_provider_id = i.resource_provider_id
                                 AND a.resource_class_id = i.resource_class_id
                WHERE rp.uuid IN (:providers)
                GROUP BY rp.uuid, rc.name, i.total, i.reserved, i.allocation_ratio
                HAVING SUM(a.used) > (i.total - i.reserved) * i.allocation_ratio
                """).param("providers", providers).query(String.class).list();
    }

    private static List<String> allocationsBreakingUnitRules(JdbcClient jdbc, List<UUID> providers) {
        return jdbc.sql("""
                SELECT a.consumer_uuid || ' holds ' || a.used
                FROM allocation a
                JOIN inventory i ON i.resource_provider_id = a.resource_provider_id
                                AND i.resource_class_id = a.resource_class_id
                JOIN resource_provider rp ON rp.id = a.resource_provider_id
                WHERE rp.uuid IN (:providers)
                  AND (a.used < i.min_unit OR a.used > i.max_unit OR a.used % i.step_size <> 0)
                """).param("providers", providers).query(String.class).list();
    }
}
