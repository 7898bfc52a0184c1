package io.gpucloud.objectstorage.s3;

import java.util.Base64;
import java.util.HexFormat;

/** The {@code Content-MD5} header: base64 of the 16-byte MD5, which the store compares as hex. */
final class ContentMd5 {

    private ContentMd5() {
    }

    /** The MD5 in lower-case hex, or null when the header is absent; InvalidDigest when it is not an MD5. */
    static String hex(String header) {
        if (header == null) {
            return null;
        }
        try {
            byte[] md5 = Base64.getDecoder().decode(header.strip());
            if (md5.length == 16) {
                return HexFormat.of().formatHex(md5);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new S3Exception(S3Error.INVALID_DIGEST, "The Content-MD5 you specified was invalid.");
    }
}
