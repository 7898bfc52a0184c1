package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the agent's guests, under {@code cloud.agent.instances}.
 *
 * @param libvirtUri     where guests are defined: {@code qemu:///system} on a KVM host, {@code test:///<abs>/host.xml}
 *                       for a simulated one (opened on first use, reopened when the connection is lost)
 * @param stateDir       instance files live in {@code <state-dir>/instances/<uuid>/}
 * @param imagesDir      base images, one file per image uuid (until the image API exists)
 * @param stopTimeout    how long a guest gets to shut down (ACPI) before it is powered off
 * @param commandTimeout longest run of qemu-img or genisoimage
 * @param configDrive    whether guests get a config drive (needs genisoimage)
 */
@ConfigurationProperties("cloud.agent.instances")
public record InstanceProperties(
        @DefaultValue("qemu:///system") String libvirtUri,
        @DefaultValue("/var/lib/gpucloud/agent") Path stateDir,
        @DefaultValue("/var/lib/gpucloud/images") Path imagesDir,
        @DefaultValue("60s") Duration stopTimeout,
        @DefaultValue("5m") Duration commandTimeout,
        @DefaultValue("true") boolean configDrive) {

    public InstanceProperties {
        requireNonNull(libvirtUri, "libvirtUri is null");
        requireNonNull(stateDir, "stateDir is null");
        requireNonNull(imagesDir, "imagesDir is null");
        requireNonNull(stopTimeout, "stopTimeout is null");
        requireNonNull(commandTimeout, "commandTimeout is null");
    }
}
