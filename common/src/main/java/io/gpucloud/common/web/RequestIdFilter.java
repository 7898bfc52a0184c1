package io.gpucloud.common.web;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an OpenStack request id ({@code req-<uuid>}): the caller's, when it sent a well-formed
 * one, otherwise a new one. The id is echoed in {@value #HEADER}, kept in the MDC under {@value #MDC_KEY}
 * while the request is handled, and written with one access-log line when the response is complete.
 *
 * <p>The access line holds method, path, status, duration and id only: never the query string (presigned S3
 * URLs carry their signature there) and never a header (tokens).
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-OpenStack-Request-Id";
    public static final String MDC_KEY = "requestId";

    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    // Anything else is replaced, so a caller cannot put arbitrary text into our logs.
    private static final Pattern WELL_FORMED =
            Pattern.compile("req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Logger ACCESS = LoggerFactory.getLogger("io.gpucloud.access");

    private final String service;

    public RequestIdFilter(String service) {
        this.service = Objects.requireNonNull(service, "service is null");
    }

    /** The request id of the request being handled on this thread, or {@code null} outside a request. */
    public static String currentRequestId() {
        return MDC.get(MDC_KEY);
    }

    // Async and error dispatches of the same request run through here too, so that their log lines carry the id.
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(ATTRIBUTE) instanceof String id) {
            withRequestId(id, () -> chain.doFilter(request, response));
            return;
        }
        String id = requestIdOf(request);
        long start = System.nanoTime();
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        withRequestId(id, () -> {
            boolean failed = true;
            try {
                chain.doFilter(request, response);
                failed = false;
            } finally {
                if (!failed && request.isAsyncStarted()) {
                    request.getAsyncContext().addListener(new AccessLogOnCompletion(id, start));
                } else {
                    // An exception that escapes the chain becomes a 500 later, after this filter has returned.
                    logAccess(request, failed ? 500 : response.getStatus(), start, id);
                }
            }
        });
    }

    private static String requestIdOf(HttpServletRequest request) {
        String sent = request.getHeader(HEADER);
        return sent != null && WELL_FORMED.matcher(sent).matches() ? sent : "req-" + UUID.randomUUID();
    }

    // On every request, so kept cheap: one string built by hand and handed to the logger as is (no argument
    // array, no boxing, no placeholder parsing), and nothing built at all when the level is off.
    private void logAccess(HttpServletRequest request, int status, long startNanos, String id) {
        String path = request.getRequestURI();
        // Scrapes and probes arrive every few seconds; at INFO they would drown the API calls.
        boolean probe = isActuator(request.getContextPath(), path);
        if (probe ? !ACCESS.isDebugEnabled() : !ACCESS.isInfoEnabled()) {
            return;
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        String line = new StringBuilder(service.length() + path.length() + id.length() + 32)
                .append(service).append(' ').append(request.getMethod()).append(' ').append(path).append(' ')
                .append(status).append(' ').append(millis).append("ms ").append(id).toString();
        if (probe) {
            ACCESS.debug(line);
        } else {
            ACCESS.info(line);
        }
    }

    private static boolean isActuator(String contextPath, String path) {
        return path.startsWith(contextPath) && path.startsWith("/actuator/", contextPath.length());
    }

    private static void withRequestId(String id, Chain chain) throws ServletException, IOException {
        String outer = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        try {
            chain.proceed();
        } finally {
            if (outer == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, outer);
            }
        }
    }

    @FunctionalInterface
    private interface Chain {
        void proceed() throws ServletException, IOException;
    }

    private final class AccessLogOnCompletion implements AsyncListener {
        private final String id;
        private final long startNanos;

        AccessLogOnCompletion(String id, long startNanos) {
            this.id = id;
            this.startNanos = startNanos;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            HttpServletRequest request = (HttpServletRequest) event.getSuppliedRequest();
            HttpServletResponse response = (HttpServletResponse) event.getSuppliedResponse();
            logAccess(request, response.getStatus(), startNanos, id);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
