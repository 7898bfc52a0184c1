package io.gpucloud.objectstorage.swift;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Swift's {@code COPY /v1/a/c/o} with {@code Destination: c2/o2} (and optionally {@code Destination-Account})
 * is, as in Swift's own copy middleware, the same request as {@code PUT /v1/a2/c2/o2} with
 * {@code X-Copy-From: c/o}: this filter rewrites the one into the other before routing, so there is a single
 * copy path. swiftclient's {@code swift copy} sends COPY.
 */
final class CopyMethodFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"COPY".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String destination = request.getHeader("Destination");
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        String[] parts = uri.split("/", 5); // "", "v1", account, container, object
        if (destination == null || parts.length < 5 || !parts[1].equals("v1")) {
            response.setStatus(412);
            response.setContentType(SwiftHeaders.TEXT_HTML);
            response.getWriter().write("<html><h1>Precondition Failed</h1><p>Destination header required</p></html>");
            return;
        }
        String target = destination.strip();
        target = target.startsWith("/") ? target.substring(1) : target;
        String account = request.getHeader("Destination-Account") != null
                ? request.getHeader("Destination-Account").strip() : parts[2];
        Map<String, String> extra = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        extra.put("X-Copy-From", parts[3] + "/" + parts[4]);
        extra.put("X-Copy-From-Account", parts[2]);
        String rewritten = request.getContextPath() + "/v1/" + account + "/" + target;
        chain.doFilter(new RewrittenRequest(request, rewritten, extra), response);
    }

    private static final class RewrittenRequest extends HttpServletRequestWrapper {
        private final String uri;
        private final Map<String, String> extra;

        RewrittenRequest(HttpServletRequest request, String uri, Map<String, String> extra) {
            super(request);
            this.uri = uri;
            this.extra = extra;
        }

        @Override
        public String getMethod() {
            return "PUT";
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer(getScheme()).append("://").append(getServerName()).append(':')
                    .append(getServerPort()).append(uri);
            return url;
        }

        @Override
        public String getServletPath() {
            return uri.substring(getContextPath().length());
        }

        @Override
        public String getPathInfo() {
            return null;
        }

        @Override
        public String getHeader(String name) {
            return extra.containsKey(name) ? extra.get(name) : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return extra.containsKey(name) ? Collections.enumeration(List.of(extra.get(name))) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
            names.addAll(extra.keySet());
            return Collections.enumeration(names);
        }
    }
}
