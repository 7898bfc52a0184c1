package io.gpucloud.agent.domain;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The guest's files on the host: the root disk (a qcow2 overlay), the config drive ISO when there is one, and the
 * file the serial console is logged to.
 */
public record GuestFiles(Path rootDisk, Optional<Path> configDrive, Path consoleLog) {

    public GuestFiles {
        requireNonNull(rootDisk, "rootDisk is null");
        requireNonNull(configDrive, "configDrive is null");
        requireNonNull(consoleLog, "consoleLog is null");
    }
}
