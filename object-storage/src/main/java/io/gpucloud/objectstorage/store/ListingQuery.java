package io.gpucloud.objectstorage.store;

/**
 * Which names a listing returns, with Swift's (and S3's) parameters: names after {@code marker} and
 * before {@code endMarker} that start with {@code prefix}, at most {@code limit} entries. With a
 * {@code delimiter}, names that hold it after the prefix collapse into one "subdirectory" entry each.
 * {@code directChildrenOnly} is Swift's {@code path} parameter: the prefix's direct children, without
 * subdirectory entries. Null means "not given" for every string.
 */
public record ListingQuery(String prefix, String delimiter, String marker, String endMarker, int limit,
        boolean directChildrenOnly) {

    public ListingQuery {
        prefix = prefix == null ? "" : prefix;
        delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        marker = marker == null || marker.isEmpty() ? null : marker;
        endMarker = endMarker == null || endMarker.isEmpty() ? null : endMarker;
        if (limit < 0) {
            throw new IllegalArgumentException("limit is negative");
        }
        if (directChildrenOnly && delimiter == null) {
            throw new IllegalArgumentException("a direct-children listing needs a delimiter");
        }
    }

    public static ListingQuery all(int limit) {
        return new ListingQuery(null, null, null, null, limit, false);
    }
}
