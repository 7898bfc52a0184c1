package io.gpucloud.compute.server;

import java.util.Locale;

/** Nova's vm_state: what the instance is, as far as the user is concerned. */
public enum VmState {
    BUILDING, ACTIVE, STOPPED, ERROR, DELETED;

    /** The wire value, e.g. {@code building}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
