package io.gpucloud.common.auth;

/** Where a client gets the token it calls another service with. */
public interface TokenSource {

    /** A token valid now. */
    String token();

    /** The last token was refused (401): forget it, so that the next {@link #token()} gets a fresh one. */
    void invalidate();
}
