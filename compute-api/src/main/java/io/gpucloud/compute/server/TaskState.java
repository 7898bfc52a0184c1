package io.gpucloud.compute.server;

import java.util.Locale;

/** Nova's task_state: what is being done to the instance right now; {@link #NONE} between tasks. */
public enum TaskState {
    NONE(null),
    SCHEDULING("scheduling"),
    SPAWNING("spawning"),
    POWERING_OFF("powering-off"),
    POWERING_ON("powering-on"),
    REBOOTING("rebooting"),
    REBOOTING_HARD("rebooting_hard"),
    DELETING("deleting");

    private final String wire;

    TaskState(String wire) {
        this.wire = wire;
    }

    /** The wire value (null for none), e.g. {@code powering-off}. */
    public String wire() {
        return wire;
    }

    static TaskState fromStored(String name) {
        return name == null ? NONE : valueOf(name.toUpperCase(Locale.ROOT));
    }
}
