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
        this.credentialId = credentialIdOf(access);
    }

    /** Keystone's id of an EC2 credential: the SHA-256 of its access key, in hex. */
    public static String credentialIdOf(String access) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(access.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public String access() { return access; }
    public String secret() { return secret; }
    public String userId() { return userId; }
    public String projectId() { return projectId; }
    public String credentialId() { return credentialId; }
}
