package io.gpucloud.objectstorage.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds a listing page from a sorted name index, for containers of an account and objects of a container
 * alike. A delimiter listing never scans the names inside a subdirectory: when a read ends inside one, the
 * next read seeks straight past it (to the {@linkplain NameOrder#successor successor} of the subdirectory
 * name). So a page costs a few index seeks however many objects each subdirectory holds.
 */
public final class Listing {

    /** A name index read from a lower bound on, in name order: the table's unique index. */
    @FunctionalInterface
    public interface NameRange<T> {
        /**
         * Up to {@code limit} rows whose name is after {@code from} (or equal to it, when {@code inclusive};
         * no lower bound when null) and before {@code to} (no upper bound when null), in name order.
         */
        List<T> read(String from, boolean inclusive, String to, int limit);
    }

    /**
     * A delimiter listing reads this many rows at first and doubles while reads end on plain items. PostgreSQL
     * sends every row a LIMIT allows, so a large read that ends inside a big subdirectory would fetch rows only
     * to skip them; small reads bound that waste per subdirectory.
     */
    static final int FIRST_DELIMITED_BATCH = 32;

    private Listing() {
    }

    public static <T> List<ListingEntry<T>> page(NameRange<T> index, Function<T, String> nameOf, ListingQuery query) {
        List<ListingEntry<T>> page = new ArrayList<>();
        if (query.limit() == 0) {
            return page;
        }
        String prefix = query.prefix();
        String from = query.marker();
        boolean inclusive = false;
        if (!prefix.isEmpty() && (from == null || NameOrder.compare(from, prefix) < 0)) {
            from = prefix;
            inclusive = true;
        }
        String to = upperBound(prefix, query.endMarker());
        int batch = query.delimiter() == null ? query.limit() : FIRST_DELIMITED_BATCH;
        while (page.size() < query.limit()) {
            int wanted = Math.min(batch, query.limit() - page.size());
            List<T> rows = index.read(from, inclusive, to, wanted);
            String skipping = null;
            for (T row : rows) {
                String name = nameOf.apply(row);
                if (skipping != null && name.startsWith(skipping)) {
                    continue;
                }
                skipping = null;
                String subdir = subdirOf(name, prefix, query.delimiter());
                if (subdir == null) {
                    page.add(new ListingEntry.Item<>(name, row));
                } else {
                    // Swift's rules: the subdirectory a client passed as marker is not repeated, and a
                    // direct-children (path) listing leaves subdirectories out.
                    if (!query.directChildrenOnly() && !subdir.equals(query.marker())) {
                        page.add(new ListingEntry.Subdir<>(subdir));
                    }
                    skipping = subdir;
                }
                if (page.size() == query.limit()) {
                    return page;
                }
            }
            if (rows.size() < wanted) {
                return page; // the range is exhausted
            }
            if (skipping != null) {
                from = NameOrder.successor(skipping);
                inclusive = true;
                if (from == null || (to != null && NameOrder.compare(from, to) >= 0)) {
                    return page;
                }
                // The read ended inside a subdirectory: its rest is skipped by a seek, and reads stay small
                // so that little is read only to be skipped.
                batch = FIRST_DELIMITED_BATCH;
            } else {
                from = nameOf.apply(rows.get(rows.size() - 1));
                inclusive = false;
                batch = Math.min(batch * 2, query.limit());
            }
        }
        return page;
    }

    /** The common prefix {@code name} collapses into, or null when it is listed as itself. */
    static String subdirOf(String name, String prefix, String delimiter) {
        if (delimiter == null) {
            return null;
        }
        int at = name.indexOf(delimiter, prefix.length());
        return at < 0 ? null : name.substring(0, at + delimiter.length());
    }

    private static String upperBound(String prefix, String endMarker) {
        String prefixEnd = prefix.isEmpty() ? null : NameOrder.successor(prefix);
        if (prefixEnd == null) {
            return endMarker;
        }
        if (endMarker == null) {
            return prefixEnd;
        }
        return NameOrder.compare(endMarker, prefixEnd) < 0 ? endMarker : prefixEnd;
    }
}
