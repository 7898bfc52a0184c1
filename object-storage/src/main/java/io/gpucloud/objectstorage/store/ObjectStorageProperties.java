package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the object store, {@code cloud.object.*}.
 *
 * @param dataPath where object bodies live; every replica of the service must see the same directory
 * @param orphanAge how old a temporary or unreferenced data file must be before the collector removes it.
 *     It must be longer than any upload stalls and than the gap between a body's rename and its row's
 *     commit, which is why it is minutes, not seconds
 * @param collectInterval how often the collector walks the data path
 * @param maxObjectSize the largest single upload, in bytes (Swift's {@code max_file_size})
 * @param deleteGrace how long the file of a replaced or deleted version stays after the commit, for readers
 *     that found the old row and have not opened its file yet (see {@link RetiredBodies}); shorter than
 *     {@code orphanAge}
 */
@ConfigurationProperties("cloud.object")
public record ObjectStorageProperties(
        @DefaultValue("./var/object-data") Path dataPath,
        @DefaultValue("PT1H") Duration orphanAge,
        @DefaultValue("PT10M") Duration collectInterval,
        @DefaultValue("5368709122") long maxObjectSize,
        @DefaultValue("PT30S") Duration deleteGrace) {

    public ObjectStorageProperties {
        requireNonNull(dataPath, "dataPath is null");
        requireNonNull(orphanAge, "orphanAge is null");
        requireNonNull(collectInterval, "collectInterval is null");
        requireNonNull(deleteGrace, "deleteGrace is null");
        if (deleteGrace.isNegative() || deleteGrace.compareTo(orphanAge) >= 0) {
            throw new IllegalArgumentException("cloud.object.delete-grace must be at least 0 and shorter than orphan-age");
        }
    }
}
