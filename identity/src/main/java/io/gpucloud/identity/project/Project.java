package io.gpucloud.identity.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A Keystone project: the unit that owns resources and quotas. */
@Entity
@Table(name = "project")
public class Project {

    @Id
    private String id;
    @Column(nullable = false)
    private String name;
    @Column(name = "domain_id", nullable = false)
    private String domainId;
    @Column(nullable = false)
    private String description = "";
    @Column(nullable = false)
    private boolean enabled = true;

    protected Project() {
    }

    public Project(String id, String name, String domainId, String description, boolean enabled) {
        this.id = id;
        this.name = name;
        this.domainId = domainId;
        this.description = description == null ? "" : description;
        this.enabled = enabled;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String domainId() { return domainId; }
    public String description() { return description; }
    public boolean enabled() { return enabled; }

    public void rename(String name) { this.name = name; }
    public void describe(String description) { this.description = description; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
}
