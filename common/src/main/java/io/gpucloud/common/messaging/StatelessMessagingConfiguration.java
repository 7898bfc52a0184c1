package io.gpucloud.common.messaging;

import io.gpucloud.common.messaging.contract.MessageContracts;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Messaging for a service without a database (the compute agent): {@code @Import} it instead of
 * {@link MessagingConfiguration}. Consumers ack after the handler returns and retry or dead-letter as
 * usual, but keep no record of handled ids, so handlers must be idempotent by themselves; messages are
 * published with {@link DirectPublisher} (confirmed, no outbox) instead of {@link OutboxWriter}.
 *
 * <p>Beans: {@link DirectPublisher}, {@link MessageConsumers}, {@link Topology}, {@link EnvelopeCodec}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessagingProperties.class)
public class StatelessMessagingConfiguration {

    @Bean
    EnvelopeCodec envelopeCodec() {
        return new EnvelopeCodec(MessageContracts.known());
    }

    @Bean
    Topology messagingTopology(ConnectionFactory connectionFactory) {
        return new Topology(connectionFactory);
    }

    @Bean
    ConfirmedPublisher messagingConfirmedPublisher(ConnectionFactory connectionFactory,
            MessagingProperties properties) {
        return new ConfirmedPublisher(connectionFactory, properties.relay().confirmTimeout());
    }

    @Bean
    MessagingMetrics messagingMetrics(MeterRegistry meterRegistry) {
        return new MessagingMetrics(meterRegistry);
    }

    @Bean
    DirectPublisher directPublisher(ConfirmedPublisher messagingConfirmedPublisher, EnvelopeCodec envelopeCodec) {
        return new DirectPublisher(messagingConfirmedPublisher, envelopeCodec);
    }

    @Bean
    MessageConsumers messageConsumers(ConnectionFactory connectionFactory, Topology messagingTopology,
            EnvelopeCodec envelopeCodec, ConfirmedPublisher messagingConfirmedPublisher,
            MessagingMetrics messagingMetrics, MessagingProperties properties) {
        MessagingProperties.Consumer settings = properties.consumer();
        FailedMessageRouter failures = new FailedMessageRouter(messagingConfirmedPublisher, settings.maxAttempts(),
                new Backoff(settings.retryBackoff(), settings.retryBackoffMax()), messagingMetrics);
        return new MessageConsumers(connectionFactory, messagingTopology, envelopeCodec, new DirectInvoker(), failures,
                messagingMetrics, settings);
    }
}
