package io.gpucloud.compute.image;

import java.util.Map;

/**
 * A listing, already checked: who asks, what they filter on, the order and the page.
 *
 * @param projectId the caller's project (null for none); ignored for admins
 * @param visibility null for Glance's default listing; "all" or one visibility otherwise
 * @param properties extra-property filters, name to exact value
 * @param markerId list the images after this one in the given order, or null
 */
record ImageListQuery(
        boolean admin,
        String projectId,
        String visibility,
        String name,
        String status,
        String owner,
        String tag,
        String diskFormat,
        String containerFormat,
        boolean hidden,
        Map<String, String> properties,
        ImageSort sort,
        java.util.UUID markerId,
        int limit) {
}
