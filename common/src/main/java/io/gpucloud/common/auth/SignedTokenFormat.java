package io.gpucloud.common.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire form of a token: {@code gc1.<key id>.<base64url claims JSON>.<base64url Ed25519 signature>}.
 * The signature covers everything before the last dot, so the key id cannot be swapped. Services
 * verify locally with identity's published public keys: checking a token costs no call to identity.
 */
public final class SignedTokenFormat {

    public static final String ALGORITHM = "Ed25519";
    private static final String PREFIX = "gc1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final JsonMapper json;

    public SignedTokenFormat(JsonMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    public String sign(TokenClaims claims, String keyId, PrivateKey key) {
        String signed = PREFIX + "." + keyId + "." + ENCODER.encodeToString(json.writeValueAsBytes(claims));
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + ENCODER.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token with key " + keyId, e);
        }
    }

    /** The key id a token names, so the verifier can find the key before checking the signature. */
    public String keyId(String token) throws InvalidTokenException {
        return split(token)[1];
    }

    public TokenClaims verify(String token, PublicKey key) throws InvalidTokenException {
        String[] parts = split(token);
        String signed = token.substring(0, token.lastIndexOf('.'));
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(DECODER.decode(parts[3]))) {
                throw new InvalidTokenException("bad signature");
            }
            return json.readValue(DECODER.decode(parts[2]), TokenClaims.class);
        } catch (GeneralSecurityException | IllegalArgumentException | JacksonException e) {
            throw new InvalidTokenException("undecodable token", e);
        }
    }

    private static String[] split(String token) throws InvalidTokenException {
        if (token == null || token.length() > 8192) {
            throw new InvalidTokenException("missing or oversized token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX) || parts[1].isEmpty()) {
            throw new InvalidTokenException("not a token of this cloud");
        }
        return parts;
    }
}
