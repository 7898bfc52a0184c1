package io.gpucloud.objectstorage.swift;

import io.gpucloud.common.web.RequestIdFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What Swift puts on every response, errors and 401s included: {@code X-Trans-Id} shaped as Tempest expects
 * ({@code tx} + 21 hex digits + {@code -} + the Unix time as 10 hex digits), derived from our request id so
 * that both name the same request in the logs. (Each handler sets a {@code Content-Type}, a 204's included: a
 * default set here would leak its charset into object content types.)
 */
final class SwiftTransactionIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Trans-Id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, transactionId(RequestIdFilter.currentRequestId(), Instant.now()));
        chain.doFilter(request, response);
    }

    // On every request: plain character work, no regular expressions or String.format.
    static String transactionId(String requestId, Instant now) {
        StringBuilder id = new StringBuilder(34).append("tx");
        if (requestId != null) {
            int from = requestId.startsWith("req-") ? 4 : 0;
            for (int i = from; i < requestId.length() && id.length() < 23; i++) {
                char c = requestId.charAt(i);
                if (c != '-') {
                    id.append(c);
                }
            }
        }
        while (id.length() < 23) {
            id.append('0');
        }
        String seconds = Long.toHexString(now.getEpochSecond());
        id.append('-');
        for (int pad = seconds.length(); pad < 10; pad++) {
            id.append('0');
        }
        return id.append(seconds).toString();
    }
}
