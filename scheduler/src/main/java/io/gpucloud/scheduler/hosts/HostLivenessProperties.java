package io.gpucloud.scheduler.hosts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cloud.scheduler.hosts.*}: when a silent host counts as down.
 *
 * @param missedHeartbeats heartbeats in a row a host may miss before it is marked down
 * @param downAfter        and at least this long silent (so a fast heartbeat interval does not mean a twitchy marker)
 * @param checkInterval    how often each replica looks for silent hosts
 */
@ConfigurationProperties("cloud.scheduler.hosts")
public record HostLivenessProperties(@DefaultValue("3") int missedHeartbeats, @DefaultValue("PT30S") Duration downAfter,
        @DefaultValue("PT5S") Duration checkInterval) {
}
