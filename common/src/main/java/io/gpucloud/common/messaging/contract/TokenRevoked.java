package io.gpucloud.common.messaging.contract;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A token was revoked before it expired; every service that caches validated tokens drops it.
 * Published by identity on {@code cloud.events} with routing key {@code identity.token.revoked}.
 *
 * <p>Version history (a released version is frozen; later versions only add optional fields):
 * <ul>
 *   <li>1: {@code auditId}, {@code userId}, {@code revokedAt}.</li>
 * </ul>
 *
 * @param auditId the token's audit id (22 URL-safe characters): identifies the token without being a credential
 * @param userId the user the token was issued to (32 hex characters)
 * @param revokedAt when identity revoked it; tokens issued to the user before that may also be affected
 */
@MessageContract(type = "TokenRevoked", version = 1)
public record TokenRevoked(String auditId, String userId, Instant revokedAt) implements MessagePayload {

    /** The routing key identity publishes it under on {@code cloud.events}. */
    public static final String ROUTING_KEY = "identity.token.revoked";

    public TokenRevoked {
        requireNonNull(auditId, "auditId is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(revokedAt, "revokedAt is null");
    }
}
