package io.gpucloud.compute.zone;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cloud.compute.availability-zones}: the zones the compute API announces (default {@code nova}, Nova's own
 * default zone). Which hosts are in which zone is Placement's business (aggregates derived by
 * {@link io.gpucloud.common.compute.NamedAggregates#availabilityZone}); those aggregates are bare uuids, so the
 * zone names themselves come from here.
 */
@ConfigurationProperties("cloud.compute")
public record ZoneProperties(@DefaultValue("nova") List<String> availabilityZones) {

    public ZoneProperties {
        availabilityZones = List.copyOf(availabilityZones);
    }
}
