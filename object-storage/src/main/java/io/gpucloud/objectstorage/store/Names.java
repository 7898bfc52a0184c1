package io.gpucloud.objectstorage.store;

import io.gpucloud.objectstorage.store.StorageException.Reason;
import java.nio.charset.StandardCharsets;

/**
 * What the store accepts as container and object names. Names are stored, compared and listed as
 * text; they never become file names, so {@code ..}, {@code /} and any Unicode are fine. The limits are
 * Swift's (and S3's 1,024-byte key); NUL is refused because PostgreSQL text cannot hold it.
 */
public final class Names {

    public static final int MAX_CONTAINER_NAME_BYTES = 256;
    public static final int MAX_OBJECT_NAME_BYTES = 1024;

    private Names() {
    }

    public static void requireContainerName(String name) {
        require(name, "container", MAX_CONTAINER_NAME_BYTES);
        if (name.indexOf('/') >= 0) {
            throw new StorageException(Reason.INVALID_NAME, "A container name cannot contain '/'.");
        }
    }

    public static void requireObjectName(String name) {
        require(name, "object", MAX_OBJECT_NAME_BYTES);
    }

    private static void require(String name, String kind, int maxBytes) {
        if (name == null || name.isEmpty()) {
            throw new StorageException(Reason.INVALID_NAME, "The " + kind + " name is empty.");
        }
        if (name.indexOf('\0') >= 0) {
            throw new StorageException(Reason.INVALID_NAME, "The " + kind + " name contains NUL.");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new StorageException(Reason.INVALID_NAME,
                    "The " + kind + " name is " + bytes + " bytes long; at most " + maxBytes + " are allowed.");
        }
    }
}
