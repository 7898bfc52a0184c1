package io.gpucloud.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultDialectTest {

    @Test
    void keystoneFaultsCarryCodeTitleAndMessage() {
        assertThat(FaultDialect.KEYSTONE.body(401, null, "no", "req-1"))
                .isEqualTo(Map.of("error", Map.of("code", 401, "title", "Unauthorized", "message", "no")));
    }

    @Test
    void novaFaultsAreNamedAfterTheErrorKind() {
        assertThat(FaultDialect.NOVA.body(400, null, "bad flavor", null))
                .isEqualTo(Map.of("badRequest", Map.of("code", 400, "message", "bad flavor")));
        assertThat(FaultDialect.NOVA.body(404, null, "x", null)).containsOnlyKeys("itemNotFound");
        assertThat(FaultDialect.NOVA.body(403, null, "x", null)).containsOnlyKeys("forbidden");
        assertThat(FaultDialect.NOVA.body(409, null, "x", null)).containsOnlyKeys("conflictingRequest");
        assertThat(FaultDialect.NOVA.body(500, null, "x", null)).containsOnlyKeys("computeFault");
    }

    @Test
    void placementErrorsAreAListWithAStableCodeAndTheRequestId() {
        Map<String, Object> body = FaultDialect.PLACEMENT.body(409, "placement.concurrent_update", "stale", "req-9");
        assertThat(body).isEqualTo(Map.of("errors", List.of(Map.of("status", 409, "title", "Conflict", "detail", "stale",
                "code", "placement.concurrent_update", "request_id", "req-9"))));
    }
}
