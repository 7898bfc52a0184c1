package io.gpucloud.compute.host;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cloud.compute.hosts.*}: when a silent host counts as down. Keep them equal to the scheduler's
 * {@code cloud.scheduler.hosts.*} (same defaults), so a host the scheduler stops using is one the API treats as dead.
 *
 * @param missedHeartbeats heartbeats in a row a host may miss
 * @param downAfter        and at least this long silent
 */
@ConfigurationProperties("cloud.compute.hosts")
public record HostLivenessProperties(@DefaultValue("3") int missedHeartbeats,
        @DefaultValue("PT30S") Duration downAfter) {
}
