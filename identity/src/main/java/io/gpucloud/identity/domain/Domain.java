package io.gpucloud.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A Keystone domain: a namespace for projects and users. */
@Entity
@Table(name = "domain")
public class Domain {

    public static final String DEFAULT_ID = "default";

    @Id
    private String id;
    @Column(nullable = false, unique = true)
    private String name;
    @Column(nullable = false)
    private String description = "";
    @Column(nullable = false)
    private boolean enabled = true;

    protected Domain() {
    }

    public Domain(String id, String name, String description, boolean enabled) {
        this.id = id;
        this.name = name;
        this.description = description == null ? "" : description;
        this.enabled = enabled;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String description() { return description; }
    public boolean enabled() { return enabled; }

    public void rename(String name) { this.name = name; }
    public void describe(String description) { this.description = description; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
}
