package io.gpucloud.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void portsFollowTheOffsetUnlessOneIsSetAndTheAgentKeepsAFreePort() {
        Settings settings = Settings.fromEnvironment(Map.of("CLOUD_PORT_OFFSET", "10000", "CLOUD_PORT_PORTAL", "9000",
                "CLOUD_SERVICES", "portal, compute-api"));

        assertThat(settings.ports().get(Service.IDENTITY)).isEqualTo(15000);
        assertThat(settings.ports().get(Service.COMPUTE_API)).isEqualTo(18774);
        assertThat(settings.ports().get(Service.PORTAL)).isEqualTo(9000);
        assertThat(settings.ports().get(Service.COMPUTE_AGENT)).isZero();
        assertThat(settings.services()).containsExactly(Service.COMPUTE_API, Service.PORTAL);
    }

    @Test
    void defaultsNeedNoEnvironmentAtAll() {
        Settings settings = Settings.fromEnvironment(Map.of());

        assertThat(settings.dataDirectory()).isEqualTo(java.nio.file.Path.of("var/all-in-one").toAbsolutePath());
        assertThat(settings.authUrl()).isEqualTo("http://127.0.0.1:5000/v3");
        assertThat(settings.dbUrl()).isEmpty();
        assertThat(settings.amqpUrl()).isEmpty();
        assertThat(settings.services()).containsExactly(Service.values());
    }

    @Test
    void aBadPortOrServiceNameIsRefusedWithItsName() {
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("CLOUD_PORT_IDENTITY", "http")))
                .hasMessageContaining("CLOUD_PORT_IDENTITY");
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("CLOUD_SERVICES", "nova")))
                .hasMessageContaining("nova");
    }
}
