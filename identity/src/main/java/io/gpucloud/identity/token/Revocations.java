package io.gpucloud.identity.token;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Revokes the tokens that a change makes stale: a user disabled, deleted or given a new password, a
 * project or domain disabled or deleted, a role removed, an application credential deleted. Runs in
 * the caller's transaction so the change and the revocation commit together.
 */
@Component
public class Revocations {

    private final IssuedTokenRepository issued;
    private final Clock clock;

    public Revocations(IssuedTokenRepository issued, Clock clock) {
        this.issued = requireNonNull(issued, "issued is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void user(String userId) {
        issued.revokeForUser(userId, clock.instant());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void project(String projectId) {
        issued.revokeForProject(projectId, clock.instant());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void domain(String domainId) {
        issued.revokeForDomain(domainId, clock.instant());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void applicationCredential(String credentialId) {
        issued.revokeForApplicationCredential(credentialId, clock.instant());
    }
}
