package io.gpucloud.common.auth;

/** A token that is malformed, forged, expired or revoked. The reason is for logs, never for clients. */
public class InvalidTokenException extends Exception {

    public InvalidTokenException(String reason) {
        super(reason);
    }

    public InvalidTokenException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
