package io.gpucloud.common.auth;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.FaultDialect;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Predicate;

/**
 * What a service tells {@link TokenAuthenticationConfiguration}: the fault shape of its 401s, and which
 * requests need no token (version discovery, health). Declared as a bean by each service.
 */
public record ApiSecurity(FaultDialect dialect, Predicate<HttpServletRequest> isPublic) {

    public ApiSecurity {
        requireNonNull(dialect, "dialect is null");
        requireNonNull(isPublic, "isPublic is null");
    }

    /** Public: {@code GET}/{@code HEAD} of the given exact paths, and everything under {@code /actuator/}. */
    public static ApiSecurity publicGets(FaultDialect dialect, java.util.Set<String> paths) {
        return new ApiSecurity(dialect, request -> request.getRequestURI().startsWith("/actuator/")
                || ((request.getMethod().equals("GET") || request.getMethod().equals("HEAD"))
                        && paths.contains(request.getRequestURI())));
    }
}
