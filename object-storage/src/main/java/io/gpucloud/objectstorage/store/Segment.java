package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

/** One part of a static large object: another object of the same account, with the size and ETag it had. */
public record Segment(String container, String name, long size, String etag) {

    public Segment {
        requireNonNull(container, "container is null");
        requireNonNull(name, "name is null");
        requireNonNull(etag, "etag is null");
    }

    /** {@code /container/object}, as manifests name segments. */
    public String path() {
        return "/" + container + "/" + name;
    }
}
