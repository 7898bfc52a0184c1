package io.gpucloud.compute.image;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code cloud.compute.images.*}.
 *
 * @param dataPath where image data lives, one file per image named by its uuid; when unset,
 *     {@code $CLOUD_DATA_DIR/images}, else {@code ./var/images} (see {@link ImageConfiguration})
 * @param maxSize the largest image accepted (Glance's {@code image_size_cap}, 1 TiB by default)
 */
@ConfigurationProperties("cloud.compute.images")
record ImageProperties(Path dataPath, @DefaultValue("1TB") DataSize maxSize) {
}
