package io.gpucloud.compute.image;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The query of {@code GET /v2/images}: {@code limit} (default 25, at most 1000), {@code marker}, {@code sort_key},
 * {@code sort_dir}, the filters {@code name}, {@code status}, {@code visibility}, {@code owner}, {@code tag},
 * {@code disk_format}, {@code container_format}, {@code os_hidden}; any other parameter filters on the extra
 * property of that name, as in Glance.
 */
final class ImageListRequest {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> KNOWN = Set.of("limit", "marker", "sort_key", "sort_dir", "name", "status",
            "visibility", "owner", "tag", "disk_format", "container_format", "os_hidden", "member_status");
    private static final Set<String> VISIBILITIES = Set.of("public", "private", "shared", "community", "all");

    private ImageListRequest() {
    }

    /** @param markerId the marker, already checked to be an image the caller can see */
    static ImageListQuery parse(Map<String, String> query, AuthContext caller, UUID markerId) {
        String visibility = query.get("visibility");
        if (visibility != null && !VISIBILITIES.contains(visibility)) {
            throw ApiException.badRequest("Invalid visibility value: " + visibility);
        }
        String status = query.get("status");
        if (status != null && !Set.of("queued", "saving", "active", "killed", "deleted", "pending_delete",
                "deactivated", "uploading", "importing").contains(status)) {
            throw ApiException.badRequest("Invalid status value: " + status);
        }
        Map<String, String> properties = new TreeMap<>();
        query.forEach((name, value) -> {
            if (!KNOWN.contains(name)) {
                properties.put(name, value);
            }
        });
        return new ImageListQuery(caller.isAdmin(), caller.projectId(), visibility, query.get("name"), status,
                query.get("owner"), query.get("tag"), query.get("disk_format"), query.get("container_format"),
                hidden(query.get("os_hidden")), properties, ImageSort.of(query.get("sort_key"), query.get("sort_dir")),
                markerId, limit(query.get("limit")));
    }

    private static boolean hidden(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("Invalid value for os_hidden: " + value);
        };
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit < 0) {
                throw ApiException.badRequest("limit param must be positive");
            }
            return Math.min(limit, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit param must be an integer");
        }
    }
}
