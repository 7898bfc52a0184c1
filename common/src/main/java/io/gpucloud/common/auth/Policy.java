package io.gpucloud.common.auth;

import io.gpucloud.common.api.ApiException;

/** The role and project rules every API applies before it touches anything. */
public final class Policy {

    private Policy() {
    }

    public static void requireAdmin(AuthContext caller) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("You are not authorized to perform the requested action: admin required.");
        }
    }

    /** A token scoped to a project that holds at least one role there, or an admin. */
    public static void requireProjectScope(AuthContext caller) {
        if (!caller.isAdmin() && (caller.projectId() == null || caller.roleNames().isEmpty())) {
            throw ApiException.forbidden("A project-scoped token is required for this action.");
        }
    }

    /** The caller acts on its own project's resources only, unless it is an admin. */
    public static void requireProject(AuthContext caller, String projectId) {
        if (!caller.isAdmin() && (caller.projectId() == null || !caller.projectId().equals(projectId))) {
            throw ApiException.forbidden("You are not authorized to act on project " + projectId + ".");
        }
    }

    /** The caller acts as itself (its own credentials, its own password), unless it is an admin. */
    public static void requireSelfOrAdmin(AuthContext caller, String userId) {
        if (!caller.isAdmin() && !caller.userId().equals(userId)) {
            throw ApiException.forbidden("You are not authorized to perform the requested action.");
        }
    }
}
