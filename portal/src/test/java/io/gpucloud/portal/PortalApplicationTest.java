package io.gpucloud.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.web.RunningService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class PortalApplicationTest {

    @Test
    void servesTheIndexPageAndHealth() {
        try (RunningService portal = RunningService.start(PortalApplication.application())) {
            HttpResponse<String> index = portal.get("/");
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(index.body()).contains("portal is coming").contains("Nova v2.1");
            assertThat(portal.health()).isEqualTo("UP");
        }
    }
}
