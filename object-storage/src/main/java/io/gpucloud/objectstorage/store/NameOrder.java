package io.gpucloud.objectstorage.store;

/**
 * The order names are listed in: Unicode code point order, which is UTF-8 byte order and so what
 * PostgreSQL's {@code COLLATE "C"} gives. Java's {@link String#compareTo} compares UTF-16 units and
 * differs for characters beyond U+FFFF, hence these helpers wherever Java compares names itself.
 */
public final class NameOrder {

    private NameOrder() {
    }

    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * The smallest name that sorts after every name starting with {@code prefix}: the prefix with its last
     * code point incremented. Null when there is none (a prefix made only of U+10FFFF), i.e. no upper bound.
     */
    public static String successor(String prefix) {
        String head = prefix;
        while (!head.isEmpty()) {
            int last = head.codePointBefore(head.length());
            head = head.substring(0, head.length() - Character.charCount(last));
            if (last < Character.MAX_CODE_POINT) {
                int next = last + 1;
                if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
                    next = Character.MAX_SURROGATE + 1; // surrogates are not characters; skip them
                }
                return head + new String(Character.toChars(next));
            }
        }
        return null;
    }
}
