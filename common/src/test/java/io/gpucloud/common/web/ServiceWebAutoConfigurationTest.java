package io.gpucloud.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.web.sample.SampleApplication;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ServiceWebAutoConfigurationTest {

    private static final String REQUEST_ID_PATTERN =
            "req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static RunningService service;

    @BeforeAll
    static void start() {
        // common's own test classpath carries its optional JDBC and AMQP dependencies; this service uses neither.
        service = RunningService.start(new SpringApplicationBuilder(SampleApplication.class),
                "--spring.config.name=sample",
                "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aRequestWithoutIdGetsANewOneInTheResponseAndTheMdc() {
        HttpResponse<String> response = service.get("/request-id");

        assertThat(response.statusCode()).isEqualTo(200);
        String id = response.headers().firstValue("X-OpenStack-Request-Id").orElseThrow();
        assertThat(id).matches(REQUEST_ID_PATTERN);
        assertThat(response.body()).isEqualTo(id);
    }

    @Test
    void aWellFormedIdIsKept() {
        String sent = "req-0b8a5c1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b";

        HttpResponse<String> response = service.get("/request-id", "X-OpenStack-Request-Id", sent);

        assertThat(response.headers().firstValue("X-OpenStack-Request-Id")).hasValue(sent);
        assertThat(response.body()).isEqualTo(sent);
    }

    @Test
    void aMalformedIdIsReplaced() {
        HttpResponse<String> response = service.get("/request-id", "X-OpenStack-Request-Id", "req-<script>");

        assertThat(response.headers().firstValue("X-OpenStack-Request-Id").orElseThrow())
                .matches(REQUEST_ID_PATTERN)
                .isEqualTo(response.body());
    }

    @Test
    void oneAccessLineWithoutQueryStringOrHeaders(CapturedOutput output) {
        HttpResponse<String> response = service.get("/request-id?X-Amz-Signature=secret-signature",
                "X-Auth-Token", "secret-token");
        String id = response.body();
        // The line is written after the response went out, so the client can be faster than the log.
        awaitLine(output, id);

        assertThat(output.getOut().lines().filter(line -> line.contains(id)))
                .singleElement()
                .satisfies(line -> assertThat(line).matches(".*sample GET /request-id 200 \\d+ms " + id + "$"));
        assertThat(output.getAll()).doesNotContain("secret-signature").doesNotContain("secret-token");
    }

    @Test
    void anExceptionIsLoggedAs500WithItsRequestId(CapturedOutput output) {
        HttpResponse<String> response = service.get("/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        String id = response.headers().firstValue("X-OpenStack-Request-Id").orElseThrow();
        awaitLine(output, id);
        assertThat(output.getOut()).containsPattern("sample GET /boom 500 \\d+ms " + id);
    }

    @Test
    void baseUrlIsWhatTheClientCalled() {
        assertThat(service.get("/base-url").body()).isEqualTo(service.baseUrl());
    }

    @Test
    void healthAndPrometheusAreExposedWithTheServiceTag() {
        HttpResponse<String> health = service.get("/actuator/health");
        HttpResponse<String> prometheus = service.get("/actuator/prometheus");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(RunningService.json(health).path("status").asString()).isEqualTo("UP");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("service=\"sample\"");
        assertThat(service.get("/actuator/env").statusCode()).isEqualTo(404);
    }

    private static void awaitLine(CapturedOutput output, String text) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (!output.getOut().contains(text + System.lineSeparator()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
