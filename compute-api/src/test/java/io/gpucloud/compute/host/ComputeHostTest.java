package io.gpucloud.compute.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ComputeHostTest {

    private static final Instant LAST = Instant.parse("2026-12-03T12:00:00Z");
    private static final HostLivenessProperties RULE = new HostLivenessProperties(3, Duration.ofSeconds(30));

    @Test
    void aFastHostIsDownOnlyAfterTheMinimumSilence() {
        ComputeHost fast = new ComputeHost(1, "h", UUID.randomUUID(), LAST, 5, 0);
        assertThat(fast.isDownAt(LAST.plusSeconds(16), RULE)).as("3 beats missed, but only 16 s").isFalse();
        assertThat(fast.isDownAt(LAST.plusSeconds(30), RULE)).isFalse();
        assertThat(fast.isDownAt(LAST.plusSeconds(31), RULE)).isTrue();
    }

    @Test
    void aSlowHostIsDownOnlyAfterMissingItsBeats() {
        ComputeHost slow = new ComputeHost(1, "h", UUID.randomUUID(), LAST, 60, 0);
        assertThat(slow.isDownAt(LAST.plusSeconds(179), RULE)).as("30 s silent, but 2 beats missed").isFalse();
        assertThat(slow.isDownAt(LAST.plusSeconds(181), RULE)).isTrue();
    }
}
