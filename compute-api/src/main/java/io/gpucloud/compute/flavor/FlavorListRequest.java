package io.gpucloud.compute.flavor;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.common.auth.AuthContext;
import java.util.Map;
import java.util.Set;

/**
 * The query of {@code GET /flavors[/detail]}: {@code is_public}, {@code minRam}, {@code minDisk}, {@code sort_key},
 * {@code sort_dir}, {@code limit}, {@code marker}. From 2.75 any other parameter is a 400, as in Nova.
 */
record FlavorListRequest(FlavorFilter filter, FlavorSort sort, int limit, String marker) {

    static final int MAX_LIMIT = 1000;
    private static final Set<String> PARAMETERS =
            Set.of("is_public", "minRam", "minDisk", "sort_key", "sort_dir", "limit", "marker");

    static FlavorListRequest parse(Map<String, String> query, AuthContext caller, ApiVersion version) {
        if (version.atLeast(2, 75)) {
            for (String name : query.keySet()) {
                if (!PARAMETERS.contains(name)) {
                    throw ApiException.badRequest("Invalid input for query parameters " + name
                            + ". Additional properties are not allowed ('" + name + "' was unexpected).");
                }
            }
        }
        // Only an admin chooses: everyone else gets public flavors plus their project's private ones, never
        // disabled ones.
        Boolean isPublic = caller.isAdmin() ? isPublic(query.get("is_public")) : Boolean.TRUE;
        FlavorFilter filter = new FlavorFilter(isPublic, caller.projectId(), caller.isAdmin(),
                minimum(query, "minRam"), minimum(query, "minDisk"));
        return new FlavorListRequest(filter, FlavorSort.of(query.get("sort_key"), query.get("sort_dir")),
                limit(query.get("limit")), query.get("marker"));
    }

    /** Absent: public only (plus the project's private ones); "None" in any case: all; else a boolean. */
    private static Boolean isPublic(String value) {
        if (value == null) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("none")) {
            return null;
        }
        return NewFlavor.parseBoolean(value)
                .orElseThrow(() -> ApiException.badRequest("Invalid is_public filter [" + value + "]"));
    }

    private static Integer minimum(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        try {
            int minimum = Integer.parseInt(value.strip());
            if (minimum < 0) {
                throw new NumberFormatException();
            }
            return minimum;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid " + name + " filter [" + value + "]");
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return MAX_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit < 0) {
                throw ApiException.badRequest("limit must be a positive integer, was " + value + ".");
            }
            return Math.min(limit, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be an integer, was '" + value + "'.");
        }
    }
}
