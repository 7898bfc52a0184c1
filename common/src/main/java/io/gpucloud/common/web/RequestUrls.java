package io.gpucloud.common.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** URLs as the caller sees this service, for links in version documents and resource bodies. */
public final class RequestUrls {

    private RequestUrls() {
    }

    /**
     * The scheme, host, port and context path the request came to, without a trailing slash, e.g.
     * {@code http://10.0.0.5:8774}. It follows {@code X-Forwarded-*} only where the server is told to trust them
     * ({@code server.forward-headers-strategy}); otherwise it is the Host header the client sent.
     */
    public static String baseUrl(HttpServletRequest request) {
        String url = ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
