package io.gpucloud.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class MessagingSettingsTest {

    @Test
    void everySettingHasADefault() {
        MessagingProperties properties = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("cloud.messaging", MessagingProperties.class);

        assertThat(properties.relay()).isEqualTo(new MessagingProperties.Relay(
                Duration.ofSeconds(1), 100, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofDays(1)));
        assertThat(properties.consumer()).isEqualTo(new MessagingProperties.Consumer(
                5, Duration.ofSeconds(1), Duration.ofSeconds(10), 10, 1, Duration.ofDays(14)));
    }

    @Test
    void settingsBindFromKebabCaseProperties() {
        MessagingProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "cloud.messaging.relay.poll-interval", "250ms",
                "cloud.messaging.consumer.max-attempts", "7")))
                .bindOrCreate("cloud.messaging", MessagingProperties.class);

        assertThat(properties.relay().pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(properties.consumer().maxAttempts()).isEqualTo(7);
    }

    @Test
    void theLibraryRefusesABrokerConnectionWithoutPublisherConfirms() {
        CachingConnectionFactory withoutConfirms = new CachingConnectionFactory("127.0.0.1");
        try {
            assertThatThrownBy(() -> new ConfirmedPublisher(withoutConfirms, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("spring.rabbitmq.publisher-confirm-type=correlated");
        }
        finally {
            withoutConfirms.destroy();
        }
    }

    @ParameterizedTest(name = "after {0} failures the backoff is {1} ms")
    @CsvSource({"0, 0", "1, 100", "2, 200", "3, 400", "4, 800", "5, 1000", "40, 1000"})
    void backoffDoublesUpToItsMaximum(int failures, long expectedMillis) {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

        assertThat(backoff.delayAfter(failures)).isEqualTo(Duration.ofMillis(expectedMillis));
    }
}
