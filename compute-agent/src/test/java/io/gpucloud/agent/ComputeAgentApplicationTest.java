package io.gpucloud.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.web.RunningService;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ComputeAgentApplicationTest {

    private static final Path HOST = Path.of("..", "deploy", "hosts", "cpu-only.xml").toAbsolutePath().normalize();

    /** Placement and identity are not running: the agent starts anyway and keeps retrying its registration. */
    @Test
    void servesHealthAndMetricsOnlyAndStartsWithoutTheControlPlane() throws Exception {
        Path state = Files.createTempDirectory("agent-app");
        try (RunningService agent = RunningService.start(ComputeAgentApplication.application(),
                "--cloud.agent.host=app-test-host", "--cloud.agent.libvirt-uri=test://" + HOST,
                "--cloud.agent.state-dir=" + state, "--cloud.agent.placement-url=http://127.0.0.1:9",
                "--cloud.identity.url=http://127.0.0.1:9/v3", "--cloud.service-auth.username=agent",
                "--cloud.service-auth.password=secret", "--cloud.service-auth.project-name=service")) {
            assertThat(agent.health()).isEqualTo("UP");
            assertThat(agent.get("/actuator/prometheus").body()).contains("service=\"compute-agent\"");
            assertThat(agent.get("/").statusCode()).isEqualTo(404);
        }
    }
}
