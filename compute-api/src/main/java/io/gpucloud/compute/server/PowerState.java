package io.gpucloud.compute.server;

/** Nova's power_state codes, as {@code OS-EXT-STS:power_state} shows them. */
public enum PowerState {
    NOSTATE(0), RUNNING(1), PAUSED(3), SHUTDOWN(4), CRASHED(6), SUSPENDED(7);

    private final int code;

    PowerState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
