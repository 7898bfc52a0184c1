package io.gpucloud.compute.quota;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cloud.compute.quota.*}: the limits of a project without overrides, and per GPU resource class
 * ({@code gpus.PGPU=16}; a class not named is unlimited, -1). Nova's defaults (20 cores, 50 GiB) would not fit one
 * GPU server, so cores and RAM default to what ten 8-GPU servers need (128 cores, 1 TiB); GPUs are what an
 * operator limits per project.
 */
@ConfigurationProperties("cloud.compute.quota")
public record QuotaProperties(@DefaultValue("10") int instances, @DefaultValue("128") int cores,
        @DefaultValue("1048576") int ram, @DefaultValue("100") int keyPairs, @DefaultValue("128") int metadataItems,
        @DefaultValue("10") int serverGroups, @DefaultValue("10") int serverGroupMembers,
        @DefaultValue Map<String, Integer> gpus) {
}
