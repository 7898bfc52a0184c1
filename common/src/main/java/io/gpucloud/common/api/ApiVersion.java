package io.gpucloud.common.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An OpenStack microversion, {@code major.minor}, compared numerically (2.10 is after 2.9). */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

    private static final Pattern FORMAT = Pattern.compile("^([1-9]\\d{0,2})\\.(0|[1-9]\\d{0,3})$");

    public static ApiVersion parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw ApiException.badRequest("Invalid microversion '" + text + "': expected major.minor, e.g. 2.1");
        }
        return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean atLeast(int major, int minor) {
        return compareTo(new ApiVersion(major, minor)) >= 0;
    }

    @Override
    public int compareTo(ApiVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
