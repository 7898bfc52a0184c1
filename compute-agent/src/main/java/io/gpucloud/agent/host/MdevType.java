package io.gpucloud.agent.host;

import static java.util.Objects.requireNonNull;

/**
 * A mediated-device type a GPU offers (a vGPU profile such as {@code NVIDIA L40S-4Q}, or a MIG-backed vGPU).
 *
 * @param id                 the type id the kernel and libvirt use, e.g. {@code nvidia-1153}; what domain XML names
 * @param name               the human name, e.g. {@code NVIDIA L40S-4Q}; the id when the driver gives none
 * @param availableInstances how many more instances of this type the GPU can create now
 */
public record MdevType(String id, String name, int availableInstances) {

    public MdevType {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("mdev type id is blank");
        }
        if (availableInstances < 0) {
            throw new IllegalArgumentException("available instances must not be negative: " + availableInstances);
        }
    }
}
