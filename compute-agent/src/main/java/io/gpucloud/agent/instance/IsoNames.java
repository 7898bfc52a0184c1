package io.gpucloud.agent.instance;

import java.util.Comparator;
import java.util.Locale;
import java.util.Set;

/**
 * File identifiers of the two hierarchies of an {@link Iso9660Image}, made from a file's real name (which Rock Ridge
 * records unchanged): ECMA-119 d-characters for the primary hierarchy, UCS-2 names for Joliet's.
 */
final class IsoNames {

    /** Primary identifiers are interchange level 2: a file's name and extension 30 characters together. */
    static final int PRIMARY_FILE_MAX = 30;
    static final int PRIMARY_DIRECTORY_MAX = 31;
    /** Joliet allows 64 UCS-2 characters (128 bytes) per identifier. */
    static final int JOLIET_MAX = 64;
    /** The longest extension kept when a name must be shortened. */
    private static final int EXTENSION_MAX = 8;

    /**
     * ECMA-119 9.3 orders records by name, then extension (the part after the first dot, files only), each padded
     * with spaces; both hierarchies use it, Joliet comparing UCS-2 values (UTF-16 units, the same here). Ties
     * (a directory {@code AB} and a file {@code AB.}, or Joliet's {@code a} and {@code a }) go by the plain text.
     */
    static final Comparator<String> ORDER = Comparator.comparing((String id) -> stem(id), IsoNames::padded)
            .thenComparing(IsoNames::extension, IsoNames::padded).thenComparing(Comparator.naturalOrder());

    private IsoNames() {
    }

    /**
     * The primary identifier, without version: upper case, anything else than A-Z, 0-9 and _ becomes _; a file's
     * always has the dot that separates name and extension ({@code user_data} → {@code USER_DATA.}).
     */
    static String primary(String name, boolean directory) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (directory) {
            return truncate(dCharacters(upper), PRIMARY_DIRECTORY_MAX);
        }
        int dot = upper.lastIndexOf('.');
        String extension = dot < 0 ? "" : truncate(dCharacters(upper.substring(dot + 1)), EXTENSION_MAX);
        String stem = dCharacters(dot < 0 ? upper : upper.substring(0, dot));
        return truncate(stem, PRIMARY_FILE_MAX - 1 - extension.length()) + "." + extension;
    }

    /**
     * The Joliet identifier: the name itself, but the characters Joliet forbids ({@code * / : ; ? \} and controls)
     * and those outside UCS-2 become _, and a name over 64 characters is shortened, keeping a short extension.
     */
    static String joliet(String name, boolean directory) {
        StringBuilder id = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean forbidden = c < 0x20 || "*/:;?\\".indexOf(c) >= 0 || Character.isSurrogate(c);
            id.append(forbidden ? '_' : c);
        }
        if (id.length() <= JOLIET_MAX) {
            return id.toString();
        }
        int dot = id.lastIndexOf(".");
        if (directory || dot < 0 || id.length() - dot - 1 > EXTENSION_MAX) {
            return id.substring(0, JOLIET_MAX);
        }
        String extension = id.substring(dot);
        return id.substring(0, JOLIET_MAX - extension.length()) + extension;
    }

    /**
     * {@code id}, or when a sibling took it already (two names that map to one identifier), the first free one with
     * a number before the extension ({@code UPPER.TXT}, {@code UPPER1.TXT}, ...). Adds the result to {@code taken}.
     */
    static String unique(String id, Set<String> taken, int max) {
        int dot = id.lastIndexOf('.');
        boolean split = dot >= 0 && id.length() - dot - 1 <= EXTENSION_MAX;
        String stem = split ? id.substring(0, dot) : id;
        String extension = split ? id.substring(dot) : "";
        String result = id;
        for (int n = 1; !taken.add(result); n++) {
            String number = Integer.toString(n);
            result = truncate(stem, max - extension.length() - number.length()) + number + extension;
        }
        return result;
    }

    private static String dCharacters(String text) {
        StringBuilder result = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            result.append(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ? c : '_');
        }
        return result.toString();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String stem(String id) {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }

    private static String extension(String id) {
        int dot = id.indexOf('.');
        return dot < 0 ? "" : id.substring(dot + 1);
    }

    /** Compares as if the shorter were padded with spaces. */
    private static int padded(String a, String b) {
        for (int i = 0; i < Math.max(a.length(), b.length()); i++) {
            char x = i < a.length() ? a.charAt(i) : ' ';
            char y = i < b.length() ? b.charAt(i) : ' ';
            if (x != y) {
                return Character.compare(x, y);
            }
        }
        return 0;
    }
}
