package io.gpucloud.compute.image;

import io.gpucloud.common.auth.AuthContext;

/** Glance's default policy, reduced to what this API has (no image members). */
final class ImageAccess {

    private ImageAccess() {
    }

    /** Admins see everything; others see public and community images and their own project's. */
    static boolean canSee(Image image, AuthContext caller) {
        return caller.isAdmin() || image.visibility() == ImageVisibility.PUBLIC
                || image.visibility() == ImageVisibility.COMMUNITY || isOwner(image, caller);
    }

    /** Changing an image, its data or deleting it: its owner or an admin. */
    static boolean canModify(Image image, AuthContext caller) {
        return caller.isAdmin() || isOwner(image, caller);
    }

    private static boolean isOwner(Image image, AuthContext caller) {
        return caller.projectId() != null && caller.projectId().equals(image.owner());
    }
}
