package io.gpucloud.identity.credential;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An EC2-style access key and secret for the S3 API, scoped to one project of the user. */
@Entity
@Table(name = "ec2_credential")
public class Ec2Credential {

    @Id
    private String access;
    @Column(nullable = false)
    private String secret;
    @Column(name = "user_id", nullable = false)
    private String userId;
    @Column(name = "project_id", nullable = false)
    private String projectId;
    @Column(name = "credential_id", nullable = false)
    private String credentialId;

    protected Ec2Credential() {
    }

    public Ec2Credential(String access, String secret, String userId, String projectId) {
        this.access = access;
        this.secret = secret;
        this.userId = userId;
        this.projectId = projectId;
        this.credentialId = io.gpucloud.common.auth.Ec2CredentialIds.of(access);
    }

    public String access() { return access; }
    public String secret() { return secret; }
    public String userId() { return userId; }
    public String projectId() { return projectId; }
    public String credentialId() { return credentialId; }
}
