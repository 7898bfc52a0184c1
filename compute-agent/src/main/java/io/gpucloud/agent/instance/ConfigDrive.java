package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Packs a {@link ConfigDriveContent} into an ISO 9660 image labelled {@code config-2} (what cloud-init looks for)
 * with genisoimage; Joliet and Rock Ridge keep the long lower-case file names.
 */
public final class ConfigDrive {

    public static final String LABEL = "config-2";
    public static final String PROGRAM = "genisoimage";

    private final ExternalCommand command;

    public ConfigDrive(ExternalCommand command) {
        this.command = requireNonNull(command, "command is null");
    }

    /** Whether genisoimage is installed (Debian package {@code genisoimage}). */
    public static boolean available() {
        return ExternalCommand.onPath(PROGRAM);
    }

    /** Writes the files under {@code tree}, packs them into {@code iso}, and removes the tree again. */
    public void write(ConfigDriveContent content, Path tree, Path iso) {
        Path latest = tree.resolve("openstack").resolve("latest");
        try {
            Files.createDirectories(latest);
            Files.write(latest.resolve("meta_data.json"), content.metaDataJson());
            if (content.userData().isPresent()) {
                Files.write(latest.resolve("user_data"), content.userData().get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the config drive's files under " + tree, e);
        }
        try {
            command.run(List.of(PROGRAM, "-o", iso.toAbsolutePath().toString(), "-V", LABEL, "-J", "-r", "-l",
                    "-quiet", "-publisher", "gpucloud compute agent", tree.toAbsolutePath().toString()));
        } finally {
            InstanceFiles.deleteTree(tree);
        }
    }
}
