package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** A body that is durable under its final name: its file id, its length and its MD5 in lower-case hex. */
public record StoredBlob(UUID id, long size, String md5) {

    public StoredBlob {
        requireNonNull(id, "id is null");
        requireNonNull(md5, "md5 is null");
    }
}
