package io.gpucloud.scheduler.candidate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the allocation-candidate index ({@code placement.candidates.*}).
 *
 * @param refreshInterval how long an index check stays good: 0 (the default) asks PostgreSQL for changes
 *                        before every request, so an answer reflects every write committed before the
 *                        request arrived; a positive value trades that staleness for fewer round trips
 * @param changeRetention how long rows of {@code provider_change} are kept; an index that has not checked
 *                        for longer than half of it reloads everything instead
 * @param maxAllocationRequests a safety cap on the allocation requests of one answer when no limit is given
 *                        (granular groups multiply: 8 groups over 8 GPUs are 8! per host)
 */
@ConfigurationProperties("placement.candidates")
public record CandidateIndexProperties(Duration refreshInterval, Duration changeRetention, int maxAllocationRequests) {

    public CandidateIndexProperties {
        refreshInterval = refreshInterval == null ? Duration.ZERO : refreshInterval;
        changeRetention = changeRetention == null ? Duration.ofHours(1) : changeRetention;
        maxAllocationRequests = maxAllocationRequests <= 0 ? 100_000 : maxAllocationRequests;
    }

    public static CandidateIndexProperties defaults() {
        return new CandidateIndexProperties(null, null, 0);
    }
}
