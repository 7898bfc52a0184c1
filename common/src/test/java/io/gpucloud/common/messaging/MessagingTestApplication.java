package io.gpucloud.common.messaging;

import io.gpucloud.common.testing.TcpProxy;
import io.gpucloud.common.testing.TestDatabase;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A service as small as possible: Boot's auto-configuration (DataSource, Flyway, RabbitMQ, transactions,
 * metrics) plus the messaging library, against a throw-away PostgreSQL database and the real RabbitMQ
 * behind a {@link TcpProxy}, so tests can cut the broker off. The connection details beans replace
 * {@code spring.datasource.url} and {@code spring.rabbitmq.host/port}; everything else comes from properties
 * exactly as in a service.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(MessagingConfiguration.class)
class MessagingTestApplication {

    // Closed after the DataSource, which depends on it through the connection details.
    @Bean(destroyMethod = "close")
    TestDatabase messagingTestDatabase() {
        return TestDatabase.create("messaging");
    }

    @Bean(destroyMethod = "close")
    TcpProxy brokerProxy() {
        return TcpProxy.toRabbitMq();
    }

    @Bean
    JdbcConnectionDetails testDatabaseConnectionDetails(TestDatabase messagingTestDatabase) {
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return messagingTestDatabase.user();
            }

            @Override
            public String getPassword() {
                return "";
            }

            @Override
            public String getJdbcUrl() {
                return messagingTestDatabase.jdbcUrl();
            }
        };
    }

    @Bean
    RabbitConnectionDetails proxiedRabbitConnectionDetails(TcpProxy brokerProxy) {
        return new RabbitConnectionDetails() {
            @Override
            public String getUsername() {
                return "guest";
            }

            @Override
            public String getPassword() {
                return "guest";
            }

            @Override
            public List<Address> getAddresses() {
                return List.of(new Address(brokerProxy.host(), brokerProxy.port()));
            }
        };
    }
}
