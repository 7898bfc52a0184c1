package io.gpucloud.objectstorage.swift;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.objectstorage.store.ListingQuery;
import jakarta.servlet.http.HttpServletRequest;

/** Swift's listing parameters: limit, marker, end_marker, prefix, delimiter and path. */
final class ListingParameters {

    /** Swift's {@code container_listing_limit}, which {@code /info} announces. */
    static final int MAX_LIMIT = 10_000;

    private ListingParameters() {
    }

    static ListingQuery of(HttpServletRequest request) {
        int limit = limit(request.getParameter("limit"));
        String path = request.getParameter("path");
        if (path != null) {
            String prefix = path.isEmpty() || path.endsWith("/") ? path : path + "/";
            return new ListingQuery(prefix, "/", request.getParameter("marker"), request.getParameter("end_marker"),
                    limit, true);
        }
        String delimiter = request.getParameter("delimiter");
        if (delimiter != null && delimiter.codePointCount(0, delimiter.length()) > 1) {
            throw new ApiException(412, "Bad delimiter");
        }
        return new ListingQuery(request.getParameter("prefix"), delimiter, request.getParameter("marker"),
                request.getParameter("end_marker"), limit, false);
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return MAX_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(412, "Value of limit must be a positive integer");
        }
        if (limit < 0) {
            throw new ApiException(412, "Value of limit must be a positive integer");
        }
        if (limit > MAX_LIMIT) {
            throw new ApiException(412, "Maximum limit is " + MAX_LIMIT);
        }
        return limit;
    }
}
