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

    @GetMapping("/info")
    Map<String, Swift> info() {
        return Map.of("swift", SWIFT);
    }
}
