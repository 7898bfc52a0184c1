package io.gpucloud.common.messaging;

import io.gpucloud.common.messaging.contract.TokenRevoked;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Base of the tests against real PostgreSQL and RabbitMQ. Subclasses share one application context (same
 * configuration), and each test uses its own queue names, deleted afterwards.
 *
 * <p>The relay polls only every 10 minutes here, so every delivery in these tests proves the wake-up after
 * commit or the retry after a failure, not a lucky poll.
 */
@SpringBootTest(classes = MessagingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.flyway.locations=classpath:db/common",
                "spring.rabbitmq.publisher-confirm-type=correlated",
                "cloud.messaging.relay.poll-interval=10m",
                "cloud.messaging.relay.confirm-timeout=5s",
                "cloud.messaging.relay.retry-backoff-max=1s",
                "cloud.messaging.consumer.max-attempts=3",
                "cloud.messaging.consumer.retry-backoff=50ms",
                "cloud.messaging.consumer.retry-backoff-max=200ms",
        })
abstract class MessagingIntegrationTest {

    static BrokerProbe broker;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    Topology topology;

    private final List<String> queuesToDelete = new ArrayList<>();

    @BeforeAll
    static void connectProbe() {
        broker = BrokerProbe.connect();
    }

    @AfterAll
    static void closeProbe() {
        broker.close();
    }

    @AfterEach
    void deleteTestQueues() {
        queuesToDelete.forEach(topology::forgetConsumerQueue);
        queuesToDelete.forEach(broker::deleteQueue);
    }

    /** A unique queue name for this test; the queue and its .dlq are deleted after the test. */
    String testQueue(String purpose) {
        String queue = "test." + purpose + "." + UUID.randomUUID();
        queuesToDelete.add(queue);
        queuesToDelete.add(Topology.deadLetterQueueOf(queue));
        return queue;
    }

    TransactionTemplate transactions() {
        return new TransactionTemplate(transactionManager);
    }

    static TokenRevoked aTokenRevocation() {
        return new TokenRevoked(UUID.randomUUID().toString(), UUID.randomUUID().toString(), Instant.parse("2026-11-22T10:15:30Z"));
    }
}
