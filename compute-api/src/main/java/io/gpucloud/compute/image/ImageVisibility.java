package io.gpucloud.compute.image;

import io.gpucloud.common.api.ApiException;
import java.util.Locale;

/**
 * Who may see an image besides its owner and admins. There are no image members here, so a {@code shared} image is
 * seen by its owner only, like a private one.
 */
public enum ImageVisibility {
    PRIVATE,
    SHARED,
    /** Anyone may see and boot it by id; listings show it only to its owner or when asked for community images. */
    COMMUNITY,
    /** Everyone; only an admin may make an image public. */
    PUBLIC;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ImageVisibility fromWire(String value) {
        for (ImageVisibility visibility : values()) {
            if (visibility.wireName().equals(value)) {
                return visibility;
            }
        }
        throw ApiException.badRequest("Invalid visibility value: " + value
                + "; use private, shared, community or public.");
    }
}
