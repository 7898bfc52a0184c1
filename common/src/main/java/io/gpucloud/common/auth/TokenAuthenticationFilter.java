package io.gpucloud.common.auth;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.FaultDialect;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates every request that is not public by its {@code X-Auth-Token}, and attaches the
 * caller's {@link AuthContext} to the request. A missing, forged, expired or revoked token is a 401
 * in the service's fault shape; the reason goes to the log (without the token), not to the client.
 */
public final class TokenAuthenticationFilter extends OncePerRequestFilter {

    public static final String TOKEN_HEADER = "X-Auth-Token";
    private static final Logger log = LoggerFactory.getLogger(TokenAuthenticationFilter.class);

    private final TokenVerifier verifier;
    private final FaultDialect dialect;
    private final JsonMapper json;
    private final Predicate<HttpServletRequest> isPublic;
    private final String authenticateHeader;

    /**
     * @param isPublic requests that need no token (version discovery, token issue)
     * @param authenticateHeader the {@code WWW-Authenticate} value sent with a 401, naming identity
     */
    public TokenAuthenticationFilter(TokenVerifier verifier, FaultDialect dialect, JsonMapper json,
            Predicate<HttpServletRequest> isPublic, String authenticateHeader) {
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.json = requireNonNull(json, "json is null");
        this.isPublic = requireNonNull(isPublic, "isPublic is null");
        this.authenticateHeader = requireNonNull(authenticateHeader, "authenticateHeader is null");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = request.getHeader(TOKEN_HEADER);
        if (token != null && !token.isBlank()) {
            try {
                request.setAttribute(AuthContext.REQUEST_ATTRIBUTE, verifier.verify(token.trim()));
            } catch (InvalidTokenException e) {
                log.info("rejected token: {}", e.getMessage());
                if (!isPublic.test(request)) {
                    unauthorized(response);
                    return;
                }
            }
        } else if (!isPublic.test(request)) {
            unauthorized(response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void unauthorized(HttpServletResponse response) throws IOException {
        response.setStatus(401);
        response.setContentType("application/json");
        response.setHeader("WWW-Authenticate", authenticateHeader);
        json.writeValue(response.getOutputStream(), dialect.body(401, null,
                "The request you have made requires authentication.", MDC.get("requestId")));
    }
}
