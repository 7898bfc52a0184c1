package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

/** One line of a listing: an item (a container or an object) or a common prefix ("subdirectory"). */
public sealed interface ListingEntry<T> {

    /** The name the entry sorts by, the one a client passes back as the next page's marker. */
    String name();

    record Item<T>(String name, T value) implements ListingEntry<T> {
        public Item {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
        }
    }

    record Subdir<T>(String name) implements ListingEntry<T> {
        public Subdir {
            requireNonNull(name, "name is null");
        }
    }
}
