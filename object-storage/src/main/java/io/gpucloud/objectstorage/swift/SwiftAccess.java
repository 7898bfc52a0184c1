package io.gpucloud.objectstorage.swift;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;

/**
 * Who may use an account, as Swift's keystoneauth decides with its default operator roles: a token scoped to
 * the account's project with the member role reads and writes, one with only the reader role reads, and an
 * admin may use any account. Everything else is a 403, before any lookup, so a caller learns nothing about
 * another project's containers.
 */
final class SwiftAccess {

    private SwiftAccess() {
    }

    static void requireRead(AuthContext caller, SwiftPath path) {
        require(caller, path.project(), false);
    }

    static void requireWrite(AuthContext caller, SwiftPath path) {
        require(caller, path.project(), true);
    }

    static void require(AuthContext caller, String project, boolean write) {
        if (caller.isAdmin()) {
            return;
        }
        boolean ownProject = project.equals(caller.projectId());
        boolean allowed = write ? caller.hasRole("member") : caller.hasRole("member") || caller.hasRole("reader");
        if (!ownProject || !allowed) {
            throw ApiException.forbidden("Access was denied to this resource.");
        }
    }
}
