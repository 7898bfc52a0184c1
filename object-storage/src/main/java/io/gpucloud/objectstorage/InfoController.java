package io.gpucloud.objectstorage;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Swift capability discovery, {@code GET /info} without a token (wire-spec §10). */
@RestController
class InfoController {

    record Policy(String name, @JsonProperty("default") boolean isDefault) {}

    record Swift(
            String version,
            List<Policy> policies,
            @JsonProperty("max_file_size") long maxFileSize,
            @JsonProperty("container_listing_limit") int containerListingLimit,
            @JsonProperty("max_meta_name_length") int maxMetaNameLength,
            @JsonProperty("max_meta_value_length") int maxMetaValueLength,
            @JsonProperty("max_meta_count") int maxMetaCount,
            @JsonProperty("max_object_name_length") int maxObjectNameLength) {}

    // Swift's own defaults, which clients and Tempest are written against; 5 GiB + 2 is Swift's max_file_size.
    private static final Swift SWIFT = new Swift("2.30.0", List.of(new Policy("Policy-0", true)),
            5_368_709_122L, 10_000, 128, 256, 90, 1024);

    record StaticLargeObjects(
            @JsonProperty("max_manifest_segments") int maxManifestSegments,
            @JsonProperty("max_manifest_size") int maxManifestSize,
            @JsonProperty("min_segment_size") int minSegmentSize) {}

    // Segments may be of any size: the limits that matter are the segment count and the manifest's size.
    private static final StaticLargeObjects SLO = new StaticLargeObjects(1000, 8 * 1024 * 1024, 1);

    /** {@code {"swift": {…}, "slo": {…}, "dlo": {}}}: the core limits and the large-object middlewares we offer. */
    @GetMapping("/info")
    Map<String, Object> info() {
        return Map.of("swift", SWIFT, "slo", SLO, "dlo", Map.of());
    }
}
