package io.gpucloud.identity.token;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.messaging.OutboxWriter;
import io.gpucloud.common.messaging.contract.TokenRevoked;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Revokes the tokens that a change makes stale: a token revoked by its owner, a user disabled, deleted or
 * given a new password, a project or domain disabled or deleted, a role removed, an application
 * credential deleted. Runs in the caller's transaction, so the change, the revocation and the
 * {@link TokenRevoked} events (through the outbox) commit together.
 */
@Component
public class Revocations {

    private final IssuedTokenRepository issued;
    private final OutboxWriter outbox;
    private final Clock clock;

    public Revocations(IssuedTokenRepository issued, OutboxWriter outbox, Clock clock) {
        this.issued = requireNonNull(issued, "issued is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void token(String auditId) {
        issued.findById(auditId).ifPresent(token -> revoke(List.of(token)));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void user(String userId) {
        revoke(issued.findActiveForUser(userId, clock.instant()));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void project(String projectId) {
        revoke(issued.findActiveForProject(projectId, clock.instant()));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void domain(String domainId) {
        revoke(issued.findActiveForDomain(domainId, clock.instant()));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void applicationCredential(String credentialId) {
        revoke(issued.findActiveForApplicationCredential(credentialId, clock.instant()));
    }

    private void revoke(List<IssuedToken> tokens) {
        Instant now = clock.instant();
        for (IssuedToken token : tokens) {
            if (token.revoke(now)) {
                outbox.appendEvent(TokenRevoked.ROUTING_KEY, new TokenRevoked(token.auditId(), token.userId(), now));
            }
        }
    }
}
