package io.gpucloud.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.web.RunningService;
import org.junit.jupiter.api.Test;

class ComputeAgentApplicationTest {

    @Test
    void servesHealthAndMetricsOnly() {
        try (RunningService agent = RunningService.start(ComputeAgentApplication.application())) {
            assertThat(agent.health()).isEqualTo("UP");
            assertThat(agent.get("/actuator/prometheus").body()).contains("service=\"compute-agent\"");
            assertThat(agent.get("/").statusCode()).isEqualTo(404);
        }
    }
}
