package io.gpucloud.common.compute;

import static java.util.Objects.requireNonNull;

/**
 * A flavor extra spec (or an image property that works like one) that cannot be turned into a Placement request.
 * The message names the key and says what would be accepted, so compute-api can return it as is in a 400.
 */
public final class InvalidExtraSpecException extends RuntimeException {

    private final String key;

    public InvalidExtraSpecException(String key, String reason) {
        super("Invalid extra spec '" + requireNonNull(key, "key is null") + "': "
                + requireNonNull(reason, "reason is null"));
        this.key = key;
    }

    /** The extra spec key at fault; for a rule about a combination of keys, the key that is best changed. */
    public String key() {
        return key;
    }
}
