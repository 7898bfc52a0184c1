package io.gpucloud.agent.instance;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/** Where base images come from: a qcow2 file on this host that root disks are overlaid on. */
public interface ImageSource {

    /** The image's base file, or empty when this host does not have it. */
    Optional<Path> baseImage(UUID imageUuid);
}
