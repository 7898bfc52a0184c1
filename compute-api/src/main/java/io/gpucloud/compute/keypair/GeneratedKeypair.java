package io.gpucloud.compute.keypair;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * A new RSA key pair made for a user, as Nova makes one: a 2048-bit key, the public half as an OpenSSH line, the
 * private half as a PKCS#1 PEM ({@code -----BEGIN RSA PRIVATE KEY-----}), which ssh and paramiko read.
 */
record GeneratedKeypair(String publicKey, String privateKey, String fingerprint) {

    private static final int BITS = 2048;
    private static final String COMMENT = "Generated-by-Nova";

    static GeneratedKeypair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(BITS);
            java.security.KeyPair pair = generator.generateKeyPair();
            RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
            byte[] blob = sshBlob(publicKey);
            return new GeneratedKeypair("ssh-rsa " + Base64.getEncoder().encodeToString(blob) + " " + COMMENT,
                    pem(pkcs1((RSAPrivateCrtKey) pair.getPrivate())), Fingerprints.md5(blob));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is unavailable", e);
        }
    }

    /** RFC 4253: string "ssh-rsa", mpint e, mpint n (an mpint is Java's two's-complement big-endian form). */
    private static byte[] sshBlob(RSAPublicKey key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (byte[] field : new byte[][] {"ssh-rsa".getBytes(StandardCharsets.US_ASCII),
                    key.getPublicExponent().toByteArray(), key.getModulus().toByteArray()}) {
                out.writeInt(field.length);
                out.write(field);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** RFC 8017 RSAPrivateKey: SEQUENCE {version 0, n, e, d, p, q, dP, dQ, qInv}, DER-encoded. */
    private static byte[] pkcs1(RSAPrivateCrtKey key) {
        ByteArrayOutputStream integers = new ByteArrayOutputStream();
        for (BigInteger value : new BigInteger[] {BigInteger.ZERO, key.getModulus(), key.getPublicExponent(),
                key.getPrivateExponent(), key.getPrimeP(), key.getPrimeQ(), key.getPrimeExponentP(),
                key.getPrimeExponentQ(), key.getCrtCoefficient()}) {
            derElement(integers, 0x02, value.toByteArray());
        }
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        derElement(sequence, 0x30, integers.toByteArray());
        return sequence.toByteArray();
    }

    private static void derElement(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
    }

    private static String pem(byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----\n";
    }
}
