package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Base images in one local directory, a file per image named by its uuid ({@code <images-dir>/<uuid>}): the
 * stand-in until the image API exists. Operators copy (or share over NFS) the qcow2 files there.
 */
public final class LocalImageDirectory implements ImageSource {

    private final Path directory;

    public LocalImageDirectory(Path directory) {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath();
    }

    @Override
    public Optional<Path> baseImage(UUID imageUuid) {
        // Resolving a UUID's canonical text cannot escape the directory.
        Path file = directory.resolve(requireNonNull(imageUuid, "imageUuid is null").toString());
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public String toString() {
        return "images in " + directory;
    }
}
