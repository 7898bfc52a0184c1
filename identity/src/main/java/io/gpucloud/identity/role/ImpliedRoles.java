package io.gpucloud.identity.role;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keystone's default role hierarchy, fixed here: admin implies member, member implies reader. A user
 * given admin on a project gets all three in its token, as with keystone-manage bootstrap.
 */
public final class ImpliedRoles {

    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
    public static final String READER = "reader";
    public static final List<String> DEFAULT_ROLES = List.of(ADMIN, MEMBER, READER);

    private ImpliedRoles() {
    }

    /** The role names, with the roles they imply added. */
    public static Set<String> expand(Set<String> names) {
        Set<String> all = new LinkedHashSet<>(names);
        if (all.contains(ADMIN)) {
            all.add(MEMBER);
        }
        if (all.contains(MEMBER)) {
            all.add(READER);
        }
        return all;
    }
}
