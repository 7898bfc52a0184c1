package io.gpucloud.identity.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A Keystone user. Only a slow hash of the password is kept. */
@Entity
@Table(name = "cloud_user")
public class User {

    @Id
    private String id;
    @Column(nullable = false)
    private String name;
    @Column(name = "domain_id", nullable = false)
    private String domainId;
    @Column(name = "password_hash")
    private String passwordHash;
    @Column(nullable = false)
    private boolean enabled = true;
    @Column(name = "default_project_id")
    private String defaultProjectId;
    private String email;
    @Column(nullable = false)
    private String description = "";

    protected User() {
    }

    public User(String id, String name, String domainId, String passwordHash, boolean enabled,
            String defaultProjectId, String email, String description) {
        this.id = id;
        this.name = name;
        this.domainId = domainId;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.defaultProjectId = defaultProjectId;
        this.email = email;
        this.description = description == null ? "" : description;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String domainId() { return domainId; }
    public String passwordHash() { return passwordHash; }
    public boolean enabled() { return enabled; }
    public String defaultProjectId() { return defaultProjectId; }
    public String email() { return email; }
    public String description() { return description; }

    public void rename(String name) { this.name = name; }
    public void describe(String description) { this.description = description; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public void setPasswordHash(String passwordHash) { this.passwordHash = passwordHash; }
    public void setDefaultProjectId(String defaultProjectId) { this.defaultProjectId = defaultProjectId; }
    public void setEmail(String email) { this.email = email; }
}
