package io.gpucloud.identity.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An Ed25519 key pair that signs tokens; identity replicas share it through the database. */
@Entity
@Table(name = "signing_key")
public class SigningKey {

    @Id
    @Column(name = "key_id")
    private String keyId;
    @Column(name = "private_key", nullable = false)
    private byte[] privateKey;
    @Column(name = "public_key", nullable = false)
    private byte[] publicKey;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SigningKey() {
    }

    public SigningKey(String keyId, byte[] privateKey, byte[] publicKey, Instant createdAt) {
        this.keyId = keyId;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.createdAt = createdAt;
    }

    public String keyId() { return keyId; }
    public byte[] privateKey() { return privateKey; }
    public byte[] publicKey() { return publicKey; }
    public Instant createdAt() { return createdAt; }
}
