package io.gpucloud.identity.user;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Slow, salted hashing for passwords and application-credential secrets (bcrypt). Checking a
 * secret against no hash still spends the same work, so timing does not reveal unknown users.
 */
@Component
public class PasswordHasher {

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10);
    private final String decoy = encoder.encode("decoy-for-unknown-users");

    public String hash(String secret) {
        return encoder.encode(secret);
    }

    public boolean matches(String secret, String hash) {
        if (hash == null) {
            encoder.matches(secret, decoy);
            return false;
        }
        return encoder.matches(secret, hash);
    }
}
