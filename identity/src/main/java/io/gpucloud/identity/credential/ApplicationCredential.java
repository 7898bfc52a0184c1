package io.gpucloud.identity.credential;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A secret a user hands to scripts and notebooks: it authenticates as that user, on one project, with
 * a subset of the user's roles there, without exposing the password. Only a hash of the secret is kept.
 */
@Entity
@Table(name = "application_credential")
public class ApplicationCredential {

    @Id
    private String id;
    @Column(nullable = false)
    private String name;
    @Column(name = "user_id", nullable = false)
    private String userId;
    @Column(name = "project_id", nullable = false)
    private String projectId;
    @Column(name = "secret_hash", nullable = false)
    private String secretHash;
    @Column(nullable = false)
    private String description = "";
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(nullable = false)
    private boolean unrestricted;
    /** Comma-separated role ids: a small fixed set, read whole with the credential. */
    @Column(name = "role_ids", nullable = false)
    private String roleIds;

    protected ApplicationCredential() {
    }

    public ApplicationCredential(String id, String name, String userId, String projectId, String secretHash,
            String description, Instant expiresAt, boolean unrestricted, List<String> roleIds) {
        this.id = id;
        this.name = name;
        this.userId = userId;
        this.projectId = projectId;
        this.secretHash = secretHash;
        this.description = description == null ? "" : description;
        this.expiresAt = expiresAt;
        this.unrestricted = unrestricted;
        this.roleIds = String.join(",", roleIds);
    }

    public String id() { return id; }
    public String name() { return name; }
    public String userId() { return userId; }
    public String projectId() { return projectId; }
    public String secretHash() { return secretHash; }
    public String description() { return description; }
    public Instant expiresAt() { return expiresAt; }
    public boolean unrestricted() { return unrestricted; }

    public List<String> roleIds() {
        return roleIds.isEmpty() ? List.of() : Arrays.asList(roleIds.split(","));
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
