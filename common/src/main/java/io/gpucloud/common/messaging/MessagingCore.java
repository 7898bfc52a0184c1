package io.gpucloud.common.messaging;

import io.gpucloud.common.messaging.contract.MessageContracts;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every service's messaging has, with or without a database: the codec, the topology and the confirming
 * publisher. {@link MessagingConfiguration} and {@link StatelessMessagingConfiguration} import it and add the
 * parts that differ (outbox and deduplication, or neither).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessagingProperties.class)
class MessagingCore {

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

    /** Consumers that run handlers through {@code invoker} and retry or dead-letter failures as configured. */
    static MessageConsumers consumers(ConnectionFactory connectionFactory, Topology topology, EnvelopeCodec codec,
            MessageInvoker invoker, ConfirmedPublisher publisher, MessagingMetrics metrics,
            MessagingProperties properties) {
        MessagingProperties.Consumer settings = properties.consumer();
        FailedMessageRouter failures = new FailedMessageRouter(publisher, settings.maxAttempts(),
                new Backoff(settings.retryBackoff(), settings.retryBackoffMax()), metrics);
        return new MessageConsumers(connectionFactory, topology, codec, invoker, failures, metrics, settings);
    }
}
