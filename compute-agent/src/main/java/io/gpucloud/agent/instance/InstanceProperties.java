package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.domain.DomainType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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
 * @param configDrive    whether guests get a config drive (written by the agent itself, {@link ConfigDrive})
 * @param domainType     {@code kvm}, {@code qemu} (TCG: no {@code /dev/kvm} needed, slow) or {@code auto}: kvm when
 *                       libvirt offers it, else qemu
 * @param maxConcurrentBuilds builds this host runs at once (Nova's {@code max_concurrent_builds}): a build mostly
 *                       waits (libvirt, the broker's confirm), so one at a time leaves a burst of builds for one
 *                       host queued behind each other; builds that claim GPUs or pinned CPUs still check and define
 *                       one at a time. Actions (start, stop, reboot, delete) stay in order, one at a time
 */
@ConfigurationProperties("cloud.agent.instances")
public record InstanceProperties(
        @DefaultValue("qemu:///system") String libvirtUri,
        @DefaultValue("/var/lib/gpucloud/agent") Path stateDir,
        @DefaultValue("/var/lib/gpucloud/images") Path imagesDir,
        @DefaultValue("60s") Duration stopTimeout,
        @DefaultValue("true") boolean configDrive,
        @DefaultValue("auto") String domainType,
        @DefaultValue("4") int maxConcurrentBuilds) {

    public InstanceProperties {
        requireNonNull(libvirtUri, "libvirtUri is null");
        requireNonNull(stateDir, "stateDir is null");
        requireNonNull(imagesDir, "imagesDir is null");
        requireNonNull(stopTimeout, "stopTimeout is null");
        requireNonNull(domainType, "domainType is null");
        fixedDomainType(domainType); // fails start-up on a typo rather than the first build
        if (maxConcurrentBuilds < 1) {
            throw new IllegalArgumentException("cloud.agent.instances.max-concurrent-builds must be at least 1, not "
                    + maxConcurrentBuilds);
        }
    }

    /** The configured domain type; empty for {@code auto} (decided from libvirt's capabilities). */
    public Optional<DomainType> fixedDomainType() {
        return fixedDomainType(domainType);
    }

    private static Optional<DomainType> fixedDomainType(String domainType) {
        if ("auto".equalsIgnoreCase(domainType.strip())) {
            return Optional.empty();
        }
        try {
            return Optional.of(DomainType.parse(domainType));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cloud.agent.instances.domain-type must be auto, kvm or qemu, not '"
                    + domainType + "'", e);
        }
    }
}
