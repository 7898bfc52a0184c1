package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the messaging library, under {@code cloud.messaging}. Every value has a default; services
 * normally set nothing. Broker and database connections come from {@code spring.rabbitmq.*} and
 * {@code spring.datasource.*}.
 *
 * @param relay how the outbox relay publishes
 * @param consumer how consumers retry and dead-letter
 */
@ConfigurationProperties("cloud.messaging")
public record MessagingProperties(@DefaultValue Relay relay, @DefaultValue Consumer consumer) {

    public MessagingProperties {
        requireNonNull(relay, "relay is null");
        requireNonNull(consumer, "consumer is null");
    }

    /**
     * @param pollInterval how often the relay looks for unsent rows when no commit woke it
     * @param batchSize rows published per transaction (confirms are awaited per batch)
     * @param confirmTimeout how long to wait for the broker's publisher confirms before retrying the rows
     * @param retryBackoffMax longest pause between attempts while the broker is unreachable
     * @param sentRetention how long sent rows stay in the outbox (for inspection) before they are deleted
     */
    public record Relay(
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("100") int batchSize,
            @DefaultValue("10s") Duration confirmTimeout,
            @DefaultValue("30s") Duration retryBackoffMax,
            @DefaultValue("1d") Duration sentRetention) {

        public Relay {
            requirePositive(pollInterval, "pollInterval");
            requirePositive(confirmTimeout, "confirmTimeout");
            requirePositive(retryBackoffMax, "retryBackoffMax");
            requirePositive(sentRetention, "sentRetention");
            if (batchSize < 1) {
                throw new IllegalArgumentException("cloud.messaging.relay.batch-size must be at least 1");
            }
        }
    }

    /**
     * @param maxAttempts handling attempts before a message goes to {@code <queue>.dlq}
     * @param retryBackoff pause before the first retry; doubles with every further failure
     * @param retryBackoffMax longest pause between retries
     * @param prefetch unacknowledged messages the broker may push to one consumer
     * @param concurrency consumers per queue in this process
     * @param processedRetention how long handled message ids are remembered for deduplication; must exceed
     *     the longest time a duplicate can still arrive (outbox rows are re-sent until confirmed)
     */
    public record Consumer(
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("1s") Duration retryBackoff,
            @DefaultValue("10s") Duration retryBackoffMax,
            @DefaultValue("10") int prefetch,
            @DefaultValue("1") int concurrency,
            @DefaultValue("14d") Duration processedRetention) {

        public Consumer {
            requirePositive(retryBackoff, "retryBackoff");
            requirePositive(retryBackoffMax, "retryBackoffMax");
            requirePositive(processedRetention, "processedRetention");
            if (maxAttempts < 1 || prefetch < 1 || concurrency < 1) {
                throw new IllegalArgumentException("cloud.messaging.consumer: max-attempts, prefetch and"
                        + " concurrency must be at least 1");
            }
        }
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("cloud.messaging " + name + " must be positive, was " + duration);
        }
    }
}
