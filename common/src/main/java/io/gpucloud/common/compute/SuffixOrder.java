package io.gpucloud.common.compute;

import java.util.Comparator;

/**
 * The order of request group suffixes: the unnumbered group ({@code ""}) first, then plain numbers by value, then
 * named suffixes alphabetically with a trailing number compared by value ({@code _GPU2} before {@code _GPU10}).
 * Plain string order would put {@code 10} before {@code 2}, which reads wrong in logs and tests.
 */
final class SuffixOrder implements Comparator<String> {

    static final SuffixOrder INSTANCE = new SuffixOrder();

    private SuffixOrder() {}

    @Override
    public int compare(String left, String right) {
        int digitsLeft = trailingDigitsStart(left);
        int digitsRight = trailingDigitsStart(right);
        int byPrefix = left.substring(0, digitsLeft).compareTo(right.substring(0, digitsRight));
        if (byPrefix != 0) {
            return byPrefix;
        }
        int byNumber = compareNumbers(stripLeadingZeros(left.substring(digitsLeft)),
                stripLeadingZeros(right.substring(digitsRight)), digitsLeft == left.length(),
                digitsRight == right.length());
        return byNumber != 0 ? byNumber : left.compareTo(right);
    }

    private static int trailingDigitsStart(String suffix) {
        int start = suffix.length();
        while (start > 0 && Character.isDigit(suffix.charAt(start - 1)) && suffix.charAt(start - 1) < 128) {
            start--;
        }
        return start;
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /** No number sorts before any number; numbers of any length compare by value without parsing. */
    private static int compareNumbers(String left, String right, boolean leftAbsent, boolean rightAbsent) {
        if (leftAbsent || rightAbsent) {
            return Boolean.compare(!leftAbsent, !rightAbsent);
        }
        return left.length() != right.length() ? Integer.compare(left.length(), right.length()) : left.compareTo(right);
    }
}
