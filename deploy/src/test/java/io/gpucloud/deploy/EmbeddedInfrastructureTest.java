package io.gpucloud.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfrastructureTest {

    @TempDir
    Path data;

    @Test
    void rowsAndDurableMessagesSurviveARestartOnTheSameDirectory() throws Exception {
        try (EmbeddedDatabase database = start(); EmbeddedBroker broker = EmbeddedBroker.start(data.resolve("broker"))) {
            try (var sql = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, "");
                 Statement statement = sql.createStatement()) {
                statement.execute("CREATE TABLE kept (name text)");
                statement.execute("INSERT INTO kept VALUES ('first run')");
            }
            try (Connection amqp = connect(broker); Channel channel = amqp.createChannel()) {
                channel.queueDeclare("kept", true, false, false, null);
                channel.queueDeclare("round-trip", true, false, false, null);
                channel.confirmSelect();
                channel.basicPublish("", "kept", MessageProperties.PERSISTENT_TEXT_PLAIN, bytes("survives"));
                channel.basicPublish("", "round-trip", MessageProperties.PERSISTENT_TEXT_PLAIN, bytes("hello"));
                channel.waitForConfirmsOrDie(10_000);

                GetResponse received = channel.basicGet("round-trip", false);
                assertThat(text(received)).isEqualTo("hello");
                channel.basicAck(received.getEnvelope().getDeliveryTag(), false);
            }
        }

        try (EmbeddedDatabase database = start(); EmbeddedBroker broker = EmbeddedBroker.start(data.resolve("broker"))) {
            try (var sql = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, "");
                 Statement statement = sql.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT name FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("first run");
            }
            try (Connection amqp = connect(broker); Channel channel = amqp.createChannel()) {
                assertThat(text(channel.basicGet("kept", true))).isEqualTo("survives");
                assertThat(channel.basicGet("round-trip", true)).as("acknowledged before the restart").isNull();
            }
        }
    }

    @Test
    void servicesConnectThroughTheUnixSocketAndToolsThroughTcp() throws Exception {
        try (EmbeddedDatabase database = start()) {
            assertThat(serverAddress(database.jdbcUrl())).as("no server address over a Unix-domain socket").isNull();
            assertThat(serverAddress(database.tcpJdbcUrl())).isEqualTo("127.0.0.1/32");
        }
    }

    private static String serverAddress(String url) throws Exception {
        try (var sql = DriverManager.getConnection(url, EmbeddedDatabase.USER, "");
             Statement statement = sql.createStatement();
             ResultSet row = statement.executeQuery("SELECT inet_server_addr()::text")) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }

    private EmbeddedDatabase start() throws Exception {
        return EmbeddedDatabase.start(data.resolve("postgres"), data.resolve("postgres.log"));
    }

    private static Connection connect(EmbeddedBroker broker) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(broker.amqpUrl());
        return factory.newConnection();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(GetResponse response) {
        assertThat(response).isNotNull();
        return new String(response.getBody(), StandardCharsets.UTF_8);
    }
}
