package io.gpucloud.agent.host;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * MIG state of a GPU that supports MIG: whether MIG mode is on, and (when on) the GPU-instance profiles it offers.
 * Only nvidia-smi knows this; libvirt and sysfs do not.
 */
public record MigInfo(boolean enabled, List<MigProfile> profiles) {

    public MigInfo {
        profiles = List.copyOf(requireNonNull(profiles, "profiles is null"));
    }
}
