package io.gpucloud.identity.token;

import io.gpucloud.identity.domain.Domain;
import io.gpucloud.identity.project.Project;

/** What a token is scoped to: a project (with its domain), a domain, or nothing. */
record TokenScope(Project project, Domain projectDomain, Domain domain) {

    static final TokenScope UNSCOPED = new TokenScope(null, null, null);

    static TokenScope ofProject(Project project, Domain projectDomain) {
        return new TokenScope(project, projectDomain, null);
    }

    static TokenScope ofDomain(Domain domain) {
        return new TokenScope(null, null, domain);
    }

    boolean unscoped() {
        return project == null && domain == null;
    }
}
