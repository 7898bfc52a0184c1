package io.gpucloud.compute.image;

import java.util.Locale;

/** Glance's image lifecycle, the part this API uses: created {@code queued}, {@code saving} while data arrives. */
public enum ImageStatus {
    /** Created, no data yet; data may be uploaded once. */
    QUEUED,
    /** Data is being uploaded; a second upload is refused. A failed upload returns the image to QUEUED. */
    SAVING,
    /** Data stored and checksummed at {@code <data-path>/<id>}; the image can boot servers. */
    ACTIVE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ImageStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
