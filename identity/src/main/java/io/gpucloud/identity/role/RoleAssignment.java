package io.gpucloud.identity.role;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A role held by a user on a project or a domain. */
@Entity
@Table(name = "role_assignment")
public class RoleAssignment {

    public static final String PROJECT = "project";
    public static final String DOMAIN = "domain";

    @EmbeddedId
    private Key key;

    protected RoleAssignment() {
    }

    public RoleAssignment(String userId, String roleId, String targetType, String targetId) {
        this.key = new Key(userId, roleId, targetType, targetId);
    }

    public String userId() { return key.userId; }
    public String roleId() { return key.roleId; }
    public String targetType() { return key.targetType; }
    public String targetId() { return key.targetId; }

    @Embeddable
    public record Key(
            @Column(name = "user_id") String userId,
            @Column(name = "role_id") String roleId,
            @Column(name = "target_type") String targetType,
            @Column(name = "target_id") String targetId) implements Serializable {
    }
}
