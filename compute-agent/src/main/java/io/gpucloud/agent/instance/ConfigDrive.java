package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Writes a {@link ConfigDriveContent} as the ISO 9660 image cloud-init looks for: volume label {@code config-2}
 * (found by blkid), {@code openstack/latest/meta_data.json} and {@code openstack/latest/user_data}, with Rock Ridge
 * names for Linux and Joliet names for Windows (cloudbase-init). {@link Iso9660Image} makes it in memory; it was
 * genisoimage's until its process (about 20 ms of CPU per build) counted in builds of hundreds of servers.
 */
public final class ConfigDrive {

    public static final String LABEL = "config-2";
    static final String META_DATA = "openstack/latest/meta_data.json";
    static final String USER_DATA = "openstack/latest/user_data";
    private static final String PUBLISHER = "gpucloud compute agent";

    private final Clock clock;

    public ConfigDrive() {
        this(Clock.systemUTC());
    }

    /** @param clock the files' and the volume's time */
    public ConfigDrive(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Writes the image to {@code iso}, replacing what is there. The file appears complete or not at all: it is
     * written beside the target, synced and renamed over it; on failure nothing is left behind.
     *
     * @throws UncheckedIOException when it cannot be written
     */
    public void write(ConfigDriveContent content, Path iso) {
        requireNonNull(content, "content is null");
        Iso9660Image image = new Iso9660Image(LABEL, PUBLISHER, clock.instant())
                .addFile(META_DATA, content.metaDataJson());
        content.userData().ifPresent(userData -> image.addFile(USER_DATA, userData));
        AtomicFile.write(iso.toAbsolutePath(), image.render(), "the config drive");
    }
}
