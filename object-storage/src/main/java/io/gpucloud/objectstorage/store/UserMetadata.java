package io.gpucloud.objectstorage.store;

import io.gpucloud.objectstorage.store.StorageException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A user's key/value metadata on an account, container or object. Keys are kept lower case (HTTP header
 * names carry them, and those are case-insensitive); the limits are Swift's defaults, which {@code /info}
 * announces.
 */
public record UserMetadata(SortedMap<String, String> values) {

    public static final int MAX_NAME_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;
    public static final int MAX_COUNT = 90;
    public static final int MAX_TOTAL_BYTES = 4096;
    public static final UserMetadata EMPTY = new UserMetadata(new TreeMap<>());

    public UserMetadata {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    public static UserMetadata of(Map<String, String> values) {
        TreeMap<String, String> lowered = new TreeMap<>();
        values.forEach((key, value) -> lowered.put(key.toLowerCase(Locale.ROOT), value));
        return new UserMetadata(lowered).validated();
    }

    /** These values with {@code set} written over them and {@code remove} taken out. */
    public UserMetadata apply(Map<String, String> set, Set<String> remove) {
        TreeMap<String, String> next = new TreeMap<>(values);
        set.forEach((key, value) -> next.put(key.toLowerCase(Locale.ROOT), value));
        remove.forEach(key -> next.remove(key.toLowerCase(Locale.ROOT)));
        return new UserMetadata(next).validated();
    }

    private UserMetadata validated() {
        if (values.size() > MAX_COUNT) {
            throw new StorageException(Reason.INVALID_METADATA, "Too many metadata items; the limit is " + MAX_COUNT + ".");
        }
        int total = 0;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (entry.getKey().isEmpty()) {
                throw new StorageException(Reason.INVALID_METADATA, "Metadata name cannot be empty.");
            }
            if (entry.getKey().length() > MAX_NAME_LENGTH) {
                throw new StorageException(Reason.INVALID_METADATA, "Metadata name too long: " + entry.getKey());
            }
            if (entry.getValue().length() > MAX_VALUE_LENGTH) {
                throw new StorageException(Reason.INVALID_METADATA, "Metadata value longer than " + MAX_VALUE_LENGTH + ": " + entry.getKey());
            }
            total += entry.getKey().getBytes(StandardCharsets.UTF_8).length + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > MAX_TOTAL_BYTES) {
            throw new StorageException(Reason.INVALID_METADATA, "Total metadata too large; the limit is " + MAX_TOTAL_BYTES + " bytes.");
        }
        return this;
    }
}
