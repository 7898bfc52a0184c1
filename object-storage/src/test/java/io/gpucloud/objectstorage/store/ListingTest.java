package io.gpucloud.objectstorage.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The listing algorithm over an in-memory index that counts its seeks and the rows it hands out. */
class ListingTest {

    /** A sorted set of names in code point order, read as the database index is. */
    static final class CountingIndex implements Listing.NameRange<String> {
        final NavigableSet<String> names = new TreeSet<>(NameOrder::compare);
        int seeks;
        int rowsRead;

        @Override
        public List<String> read(String from, boolean inclusive, String to, int limit) {
            seeks++;
            List<String> rows = new ArrayList<>();
            NavigableSet<String> tail = from == null ? names : names.tailSet(from, inclusive);
            for (String name : tail) {
                if (rows.size() == limit || (to != null && NameOrder.compare(name, to) >= 0)) {
                    break;
                }
                rows.add(name);
            }
            rowsRead += rows.size();
            return rows;
        }
    }

    private static List<String> names(List<ListingEntry<String>> page) {
        return page.stream().map(ListingEntry::name).toList();
    }

    @Test
    void aDelimiterListingSeeksPastEachSubdirectoryInsteadOfReadingIt() {
        CountingIndex index = new CountingIndex();
        for (int d = 0; d < 50; d++) {
            for (int f = 0; f < 10_000; f++) {
                index.names.add(String.format("dir%02d/file%05d", d, f));
            }
        }
        index.names.add("top.txt");
        List<ListingEntry<String>> page = Listing.page(index, name -> name, new ListingQuery(null, "/", null, null, 100, false));
        assertThat(page).hasSize(51);
        assertThat(page.get(0)).isEqualTo(new ListingEntry.Subdir<String>("dir00/"));
        assertThat(page.get(50)).isInstanceOf(ListingEntry.Item.class);
        // About one seek per subdirectory, never a walk through its 10,000 names.
        assertThat(index.seeks).isLessThanOrEqualTo(52);
        assertThat(index.rowsRead).isLessThanOrEqualTo(51 * Listing.FIRST_DELIMITED_BATCH);
    }

    @Test
    void aLargeDelimiterPageReadsLittleMoreThanItShows() {
        CountingIndex index = new CountingIndex();
        for (int d = 0; d < 1_000; d++) {
            for (int f = 0; f < 300; f++) {
                index.names.add(String.format("dir%04d/file%03d", d, f));
            }
        }
        for (int f = 0; f < 5_000; f++) {
            index.names.add(String.format("zz-plain-%05d", f));
        }
        List<ListingEntry<String>> page = Listing.page(index, name -> name, new ListingQuery(null, "/", null, null, 10_000, false));
        assertThat(page).hasSize(6_000);
        assertThat(index.rowsRead).as("305,000 names, but only the ones shown and a few per subdirectory are read")
                .isLessThan(1_000 * Listing.FIRST_DELIMITED_BATCH + 5_000 + 100);
        assertThat(index.seeks).isLessThan(1_000 + 20);
    }

    @Test
    void prefixMarkerAndEndMarkerBoundTheRange() {
        CountingIndex index = new CountingIndex();
        index.names.addAll(List.of("a", "b/1", "b/2", "b/3", "c"));
        assertThat(names(Listing.page(index, n -> n, new ListingQuery("b/", null, "b/1", null, 10, false))))
                .containsExactly("b/2", "b/3");
        assertThat(names(Listing.page(index, n -> n, new ListingQuery(null, null, null, "b/2", 10, false))))
                .containsExactly("a", "b/1");
        assertThat(names(Listing.page(index, n -> n, new ListingQuery(null, null, "a", null, 2, false))))
                .containsExactly("b/1", "b/2");
        assertThat(names(Listing.page(index, n -> n, new ListingQuery(null, "/", null, null, 10, true))))
                .as("direct children only").containsExactly("a", "c");
        assertThat(Listing.page(index, n -> n, ListingQuery.all(0))).isEmpty();
    }

    @Test
    void successorsBoundEveryNameWithThePrefix() {
        assertThat(NameOrder.successor("photos/")).isEqualTo("photos0");
        assertThat(NameOrder.successor("a\uD7FF")).isEqualTo("a\uE000");
        assertThat(NameOrder.successor("a" + new String(Character.toChars(Character.MAX_CODE_POINT)))).isEqualTo("b");
        assertThat(NameOrder.compare("\uFF5E", "\uD83D\uDE80")).as("U+FF5E sorts before U+1F680").isNegative();
        assertThat("\uFF5E".compareTo("\uD83D\uDE80")).as("but not in UTF-16 order").isPositive();
    }
}
