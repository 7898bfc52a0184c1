package io.gpucloud.compute.image;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An image's record. Its bytes, once {@link ImageStatus#ACTIVE}, are the file {@code <data-path>/<id>}.
 *
 * @param owner the owning project
 * @param size bytes of data, null until uploaded
 * @param checksum MD5 of the data (hex), null until uploaded
 * @param hashValue {@code os_hash_value}: SHA-512 of the data (hex), null until uploaded
 * @param minDiskGb the smallest root disk that can hold the image
 * @param minRamMb the least memory the image needs
 * @param properties Glance's extra properties by name, in name order (e.g. {@code os_distro}, {@code kernel_id},
 *     {@code hw_*})
 */
public record Image(
        UUID id,
        String name,
        ImageStatus status,
        ImageVisibility visibility,
        String owner,
        String diskFormat,
        String containerFormat,
        Long size,
        String checksum,
        String hashValue,
        int minDiskGb,
        int minRamMb,
        boolean isProtected,
        boolean hidden,
        List<String> tags,
        Map<String, String> properties,
        Instant createdAt,
        Instant updatedAt) {

    /** {@code os_hash_algo} of every image with data. */
    public static final String HASH_ALGORITHM = "sha512";

    public Image {
        requireNonNull(id, "id is null");
        requireNonNull(status, "status is null");
        requireNonNull(visibility, "visibility is null");
        tags = List.copyOf(tags);
        properties = Collections.unmodifiableSortedMap(new TreeMap<>(properties));
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    public boolean isActive() {
        return status == ImageStatus.ACTIVE;
    }
}
