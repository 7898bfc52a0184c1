package io.gpucloud.common.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Messaging for a service without a database (the compute agent): {@code @Import} it instead of
 * {@link MessagingConfiguration}. Consumers ack after the handler returns and retry or dead-letter as
 * usual, but keep no record of handled ids, so handlers must be idempotent by themselves; messages are
 * published with {@link DirectPublisher} (confirmed, no outbox) instead of {@link OutboxWriter}.
 *
 * <p>Beans: {@link DirectPublisher}, {@link MessageConsumers}, {@link Topology}, {@link EnvelopeCodec}.
 */
@Configuration(proxyBeanMethods = false)
@Import(MessagingCore.class)
public class StatelessMessagingConfiguration {

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
        return MessagingCore.consumers(connectionFactory, messagingTopology, envelopeCodec, new DirectInvoker(),
                messagingConfirmedPublisher, messagingMetrics, properties);
    }
}
