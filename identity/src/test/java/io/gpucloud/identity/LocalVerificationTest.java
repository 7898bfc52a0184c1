package io.gpucloud.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.InvalidTokenException;
import io.gpucloud.common.auth.PublishedIdentityKeys;
import io.gpucloud.common.auth.SignedTokenFormat;
import io.gpucloud.common.auth.TokenVerifier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** How the other services check tokens: with the keys and revocations identity publishes, no call per request. */
class LocalVerificationTest extends IdentityTestBase {

    @Test
    void revocationsAreAnnouncedOnTheEventBusThroughTheOutbox() throws Exception {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setUri("amqp://guest:guest@127.0.0.1:5672");
        try (com.rabbitmq.client.Connection connection = factory.newConnection();
             com.rabbitmq.client.Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, "cloud.events", "identity.token.revoked");
            Fixture team = Fixture.create(keystone, adminToken, "member");
            String first = keystone.token(team.userName(), team.password(), team.projectName());
            String second = keystone.token(team.userName(), team.password(), team.projectName());

            assertThat(keystone.call("PATCH", "/v3/users/" + team.userId(), adminToken, """
                    {"user":{"enabled":false}}""").status()).isEqualTo(200);

            java.util.Set<String> announced = new java.util.HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (announced.size() < 2 && System.nanoTime() < deadline) {
                com.rabbitmq.client.GetResponse message = channel.basicGet(queue, true);
                if (message == null) {
                    Thread.sleep(50);
                    continue;
                }
                tools.jackson.databind.JsonNode envelope = json().readTree(message.getBody());
                assertThat(envelope.path("type").asString()).isEqualTo("TokenRevoked");
                assertThat(envelope.path("payload").path("userId").asString()).isEqualTo(team.userId());
                announced.add(envelope.path("payload").path("auditId").asString());
            }
            assertThat(announced).containsExactlyInAnyOrder(auditId(first), auditId(second));
        }
    }

    private String auditId(String token) {
        return keystone.call("GET", "/v3/auth/tokens", adminToken, null, Map.of("X-Subject-Token", token)).status() == 404
                ? new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[2]), java.nio.charset.StandardCharsets.UTF_8)
                        .replaceAll(".*\"aud\":\"([^\"]+)\".*", "$1")
                : null;
    }

    private JsonMapper json() {
        return JsonMapper.builder().build();
    }

    @Test
    void aServiceVerifiesIdentityTokensLocallyAndLearnsOfRevocations() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        try (PublishedIdentityKeys keys = new PublishedIdentityKeys(URI.create("http://127.0.0.1:" + port + "/v3"),
                Duration.ofHours(1), json, Clock.systemUTC())) {
            TokenVerifier verifier = new TokenVerifier(new SignedTokenFormat(json), keys, keys, Clock.systemUTC());
            Fixture team = Fixture.create(keystone, adminToken, "member");
            String token = keystone.token(team.userName(), team.password(), team.projectName());

            AuthContext caller = verifier.verify(token);
            assertThat(caller.userId()).isEqualTo(team.userId());
            assertThat(caller.projectId()).isEqualTo(team.projectId());
            assertThat(caller.roleNames()).containsExactlyInAnyOrder("member", "reader");
            assertThat(caller.isAdmin()).isFalse();
            assertThat(verifier.verify(adminToken).isAdmin()).isTrue();

            assertThat(keystone.call("DELETE", "/v3/auth/tokens", adminToken, null, Map.of("X-Subject-Token", token))
                    .status()).isEqualTo(204);
            keys.refresh();
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class)
                    .hasMessage("revoked");
            String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
            assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidTokenException.class);
        }
    }
}
