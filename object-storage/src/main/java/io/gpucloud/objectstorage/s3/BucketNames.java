package io.gpucloud.objectstorage.s3;

import java.util.regex.Pattern;

/**
 * S3's rules for new bucket names (general purpose buckets): 3 to 63 characters of lower-case letters,
 * digits, dots and hyphens, starting and ending with a letter or digit, no two dots in a row, not shaped
 * like an IP address, none of AWS's reserved prefixes and suffixes. Checked when a bucket is created
 * through S3; containers that Swift created under other names stay reachable as buckets.
 */
final class BucketNames {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private BucketNames() {
    }

    static boolean isValid(String name) {
        return SHAPE.matcher(name).matches()
                && !name.contains("..")
                && !IP_ADDRESS.matcher(name).matches()
                && !name.startsWith("xn--")
                && !name.startsWith("sthree-")
                && !name.endsWith("-s3alias")
                && !name.endsWith("--ol-s3");
    }

    static void require(String name) {
        if (!isValid(name)) {
            throw new S3Exception(S3Error.INVALID_BUCKET_NAME, "The specified bucket is not valid.");
        }
    }
}
