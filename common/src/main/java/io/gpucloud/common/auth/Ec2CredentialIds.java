package io.gpucloud.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Keystone's id of an EC2 credential: the SHA-256 of its access key, in hex. Identity stores credentials under it;
 * services holding an access key ask {@code GET /v3/credentials/<id>}.
 */
public final class Ec2CredentialIds {

    private Ec2CredentialIds() {
    }

    public static String of(String accessKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(accessKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
