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
