package io.gpucloud.common.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The messaging library for a service: {@code @Import(MessagingConfiguration.class)}. It builds on Boot's
 * auto-configured RabbitMQ {@link ConnectionFactory} ({@code spring.rabbitmq.*}, which must include
 * {@code spring.rabbitmq.publisher-confirm-type=correlated}), {@link JdbcTemplate} and
 * {@link PlatformTransactionManager}, and on the tables of {@code classpath:db/common} (add it to
 * {@code spring.flyway.locations}).
 *
 * <p>Beans for services: {@link OutboxWriter}, {@link MessageConsumers}, {@link Topology},
 * {@link EnvelopeCodec}. The rest are package-private machinery.
 */
@Configuration(proxyBeanMethods = false)
@Import(MessagingCore.class)
public class MessagingConfiguration {

    @Bean
    OutboxRepository outboxRepository(JdbcTemplate jdbcTemplate) {
        return new OutboxRepository(jdbcTemplate);
    }

    @Bean
    ProcessedMessages processedMessages(JdbcTemplate jdbcTemplate) {
        return new ProcessedMessages(jdbcTemplate);
    }

    @Bean
    MessagingMetrics messagingMetrics(MeterRegistry meterRegistry, OutboxRepository outboxRepository) {
        return new MessagingMetrics(meterRegistry, outboxRepository);
    }

    @Bean
    OutboxRelay outboxRelay(OutboxRepository outboxRepository, ConfirmedPublisher messagingConfirmedPublisher,
            PlatformTransactionManager transactionManager, ProcessedMessages processedMessages,
            MessagingMetrics messagingMetrics, MessagingProperties properties) {
        MessageRetention retention = new MessageRetention(outboxRepository, processedMessages,
                properties.relay().sentRetention(), properties.consumer().processedRetention());
        return new OutboxRelay(outboxRepository, messagingConfirmedPublisher, new TransactionTemplate(transactionManager),
                retention, messagingMetrics, properties.relay());
    }

    @Bean
    OutboxWriter outboxWriter(OutboxRepository outboxRepository, EnvelopeCodec envelopeCodec, OutboxRelay outboxRelay) {
        return new OutboxWriter(outboxRepository, envelopeCodec, outboxRelay);
    }

    @Bean
    MessageConsumers messageConsumers(ConnectionFactory connectionFactory, Topology messagingTopology,
            EnvelopeCodec envelopeCodec, PlatformTransactionManager transactionManager,
            ProcessedMessages processedMessages, ConfirmedPublisher messagingConfirmedPublisher,
            MessagingMetrics messagingMetrics, MessagingProperties properties) {
        IdempotentInvoker invoker = new IdempotentInvoker(new TransactionTemplate(transactionManager), processedMessages);
        return MessagingCore.consumers(connectionFactory, messagingTopology, envelopeCodec, invoker,
                messagingConfirmedPublisher, messagingMetrics, properties);
    }
}
