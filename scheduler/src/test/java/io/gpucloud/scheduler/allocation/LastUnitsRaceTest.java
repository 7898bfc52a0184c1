package io.gpucloud.scheduler.allocation;

import static io.gpucloud.scheduler.allocation.AllocationApiTest.dict;
import static io.gpucloud.scheduler.allocation.AllocationApiTest.owner;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Many schedulers racing over HTTP for the last units of one provider: exactly as many win as fit. */
class LastUnitsRaceTest extends PlacementTestBase {

    @Autowired
    JdbcClient jdbc;

    Providers providers;

    @BeforeEach
    void providers() {
        providers = new Providers(jdbc);
    }

    @ParameterizedTest(name = "{0} of 8 GPUs left, {2} claims of {1} each race: exactly {3} succeed")
    @CsvSource({"3, 1, 24, 3", "3, 2, 24, 1", "8, 1, 24, 8", "0, 1, 24, 0"})
    void exactlyAsManyClaimsSucceedAsFit(int left, int eachClaims, int racers, int winners) throws Exception {
        UUID provider = providers.aProviderWith("PGPU", 8);
        if (left < 8) {
            assertThat(placement.call("PUT", "/allocations/" + UUID.randomUUID(), "1.12",
                    dict(provider, "PGPU", 8 - left, owner())).status()).isEqualTo(204);
        }

        Map<Integer, Long> statuses = race(racers, () -> placement.call("PUT", "/allocations/" + UUID.randomUUID(),
                "1.28", dict(provider, "PGPU", eachClaims, owner() + ", \"consumer_generation\": null")).status());

        assertThat(statuses.getOrDefault(204, 0L)).isEqualTo(winners);
        assertThat(statuses.getOrDefault(409, 0L)).isEqualTo(racers - winners);
        assertThat(providers.usedOf(provider, "PGPU")).isEqualTo(8 - left + (long) winners * eachClaims);
    }

    /** Runs the call on {@code racers} threads released at once; counts the statuses. */
    static Map<Integer, Long> race(int racers, java.util.concurrent.Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        } finally {
            pool.shutdownNow();
        }
    }
}
