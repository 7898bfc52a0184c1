package io.gpucloud.identity.token;

import io.gpucloud.identity.credential.ApplicationCredential;
import io.gpucloud.identity.user.User;
import java.util.List;

/**
 * The outcome of checking the identity part of an auth request: who, by which methods, and the
 * limits that come with the method (an application credential fixes the scope; a token being
 * rescoped caps the expiry).
 *
 * @param expiryCapMicros 0 when uncapped
 */
record AuthenticatedUser(User user, List<String> methods, ApplicationCredential applicationCredential,
        long expiryCapMicros) {
}
