package io.gpucloud.identity.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The record of an issued token, by audit id, so that it can be revoked. */
@Entity
@Table(name = "issued_token")
public class IssuedToken {

    @Id
    @Column(name = "audit_id")
    private String auditId;
    @Column(name = "user_id", nullable = false)
    private String userId;
    @Column(name = "project_id")
    private String projectId;
    @Column(name = "domain_id")
    private String domainId;
    @Column(name = "application_credential_id")
    private String applicationCredentialId;
    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected IssuedToken() {
    }

    public IssuedToken(String auditId, String userId, String projectId, String domainId,
            String applicationCredentialId, Instant issuedAt, Instant expiresAt) {
        this.auditId = auditId;
        this.userId = userId;
        this.projectId = projectId;
        this.domainId = domainId;
        this.applicationCredentialId = applicationCredentialId;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public String auditId() { return auditId; }
    public Instant expiresAt() { return expiresAt; }
    public Instant revokedAt() { return revokedAt; }
    public String userId() { return userId; }

    /** @return false when it was already revoked */
    public boolean revoke(Instant at) {
        if (revokedAt != null) {
            return false;
        }
        revokedAt = at;
        return true;
    }
}
