package io.gpucloud.objectstorage.s3;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which requests on the shared port are S3's: everything but Swift's {@code /v1/…}, Swift's {@code /info}
 * and {@code /actuator/…}. A bucket named {@code info} is still reachable: a request to {@code /info} that
 * carries S3 credentials is S3's. ({@code v1} is not a valid bucket name, being shorter than 3 characters.)
 */
final class S3Routing {

    private S3Routing() {
    }

    static boolean isS3(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/v1") || path.startsWith("/v1/") || path.equals("/actuator") || path.startsWith("/actuator/")) {
            return false;
        }
        if (path.equals("/info")) {
            return hasS3Credentials(request);
        }
        return true;
    }

    private static boolean hasS3Credentials(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        String query = request.getQueryString();
        return (authorization != null && authorization.startsWith("AWS"))
                || (query != null && (query.contains("X-Amz-Algorithm=") || query.contains("Signature=")));
    }
}
