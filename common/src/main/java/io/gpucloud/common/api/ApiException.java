package io.gpucloud.common.api;

import static java.util.Objects.requireNonNull;

/**
 * A request that cannot be served, with the HTTP status and a message a person can act on. Each
 * service's exception handler renders it in that API's own fault format; {@code code} is an optional
 * stable, namespaced error code (e.g. {@code placement.concurrent_update}) that is never renamed.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String message) {
        this(status, null, message);
    }

    public ApiException(int status, String code, String message) {
        super(requireNonNull(message, "message is null"));
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "The request you have made requires authentication.");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }
}
