package io.gpucloud.compute.server;

import java.util.UUID;

/** A GPU (or slice) an instance holds on its host: the GPU provider, its name and what was claimed from it. */
public record HeldGpu(UUID provider, String name, String resourceClass, int amount) {
}
