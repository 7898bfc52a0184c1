package io.gpucloud.identity.role;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A global role. admin implies member, member implies reader (see {@link ImpliedRoles}). */
@Entity
@Table(name = "role")
public class Role {

    @Id
    private String id;
    @Column(nullable = false, unique = true)
    private String name;
    @Column(nullable = false)
    private String description = "";

    protected Role() {
    }

    public Role(String id, String name, String description) {
        this.id = id;
        this.name = name;
        this.description = description == null ? "" : description;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String description() { return description; }
}
