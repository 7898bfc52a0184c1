package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.domain.BuildRefusedException;
import io.gpucloud.agent.domain.DevicesInUse;
import io.gpucloud.agent.domain.DomainDescription;
import io.gpucloud.agent.domain.DomainType;
import io.gpucloud.agent.domain.DomainXmlReader;
import io.gpucloud.agent.domain.DomainXmlWriter;
import io.gpucloud.agent.domain.GuestPlanner;
import io.gpucloud.agent.domain.GuestSpec;
import io.gpucloud.agent.domain.KernelBoot;
import io.gpucloud.agent.domain.MediatedGpu;
import io.gpucloud.agent.inventory.HostPlan;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.InstanceStateChanged.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's guests on one libvirt connection: build, delete, start, stop, reboot, and what is there now. Every
 * operation is idempotent, since a command may be redelivered after the agent crashed mid-way: a build whose domain
 * exists only makes sure it runs, deleting what is gone succeeds.
 *
 * <p>A build either ends with a running domain or leaves nothing behind (no domain, no files, no mediated devices).
 * Checking the claim against other domains and defining the new one happen under one lock, so two builds on this
 * host cannot both take the same GPU even if Placement were wrong.
 *
 * <p>Failures: {@link BuildRefusedException} (build refused, cleaned up), {@link InstanceOperationException} (libvirt
 * refused an action), {@link LibvirtUnavailableException} (connection lost: try again later).
 */
public final class InstanceDriver {

    private static final Logger log = LoggerFactory.getLogger(InstanceDriver.class);
    private static final Duration STOP_POLL = Duration.ofMillis(200);
    private static final int LOCK_STRIPES = 64;

    private final LibvirtConnection libvirt;
    private final Path stateDir;
    private final ImageSource images;
    private final QcowOverlay overlays;
    private final Optional<ConfigDrive> configDrive;
    private final Duration stopTimeout;
    /** Empty: KVM when libvirt offers it, else QEMU (TCG), decided once from the capabilities. */
    private final Optional<DomainType> fixedDomainType;
    private volatile DomainType detectedDomainType;
    private final GuestPlanner planner = new GuestPlanner();
    private final DomainXmlWriter writer = new DomainXmlWriter();
    private final DomainXmlReader reader = new DomainXmlReader();
    private final MediatedDevices mediatedDevices = new MediatedDevices();
    /**
     * Held from the device check to the define by builds that claim devices, so concurrent builds see each other's
     * devices.
     */
    private final Object deviceClaims = new Object();
    /** One instance's operations run one at a time; striped so the lock table stays bounded. */
    private final Object[] instanceLocks = new Object[LOCK_STRIPES];
    /** Builds under way, per instance (a redelivered command may build the same instance twice at once). */
    private final ConcurrentHashMap<UUID, Integer> building = new ConcurrentHashMap<>();

    /** Guests of the type libvirt offers best (KVM, else TCG). */
    public InstanceDriver(LibvirtConnection libvirt, Path stateDir, ImageSource images, QcowOverlay overlays,
            Optional<ConfigDrive> configDrive, Duration stopTimeout) {
        this(libvirt, stateDir, images, overlays, configDrive, stopTimeout, Optional.empty());
    }

    /**
     * @param configDrive empty for guests without config drive
     * @param domainType  the domain type of every guest; empty to take KVM when libvirt offers it, else QEMU (TCG)
     */
    public InstanceDriver(LibvirtConnection libvirt, Path stateDir, ImageSource images, QcowOverlay overlays,
            Optional<ConfigDrive> configDrive, Duration stopTimeout, Optional<DomainType> domainType) {
        this.libvirt = requireNonNull(libvirt, "libvirt is null");
        this.stateDir = requireNonNull(stateDir, "stateDir is null").toAbsolutePath();
        this.images = requireNonNull(images, "images is null");
        this.overlays = requireNonNull(overlays, "overlays is null");
        this.configDrive = requireNonNull(configDrive, "configDrive is null");
        this.stopTimeout = requireNonNull(stopTimeout, "stopTimeout is null");
        this.fixedDomainType = requireNonNull(domainType, "domainType is null");
        for (int i = 0; i < LOCK_STRIPES; i++) {
            instanceLocks[i] = new Object();
        }
    }

    public InstanceFiles files(UUID instance) {
        return InstanceFiles.of(stateDir, instance);
    }

    /**
     * Builds and starts the guest; when its domain exists already (a redelivered command), only makes sure it runs.
     *
     * @throws BuildRefusedException when this host cannot build it; nothing is left behind
     * @throws LibvirtUnavailableException when libvirt cannot be reached
     */
    public InstanceStatus build(BuildInstance build, HostPlan plan) {
        UUID uuid = build.instanceUuid();
        building.merge(uuid, 1, Integer::sum);
        try {
            return buildLocked(build, plan);
        } finally {
            building.computeIfPresent(uuid, (instance, builds) -> builds == 1 ? null : builds - 1);
        }
    }

    /**
     * Whether a build of the instance is under way here: its files may then exist while its domain does not yet (or
     * no more, when the build is being undone).
     */
    public boolean building(UUID uuid) {
        return building.containsKey(uuid);
    }

    private InstanceStatus buildLocked(BuildInstance build, HostPlan plan) {
        UUID uuid = build.instanceUuid();
        synchronized (lock(uuid)) {
            Connect connect = libvirt.get();
            Domain existing = call("look up " + GuestSpec.domainName(uuid), () -> lookup(connect, uuid));
            if (existing != null) {
                return ensureRunning(connect, uuid, existing);
            }
            if (!GuestPlanner.usesHostDevices(build)) {
                // Claims no GPU and no pinned CPU: nothing another build could take from it.
                return defineAndStart(connect, build, plan, DevicesInUse.NONE);
            }
            synchronized (deviceClaims) {
                DevicesInUse others = call("list domains", () -> devicesInUse(connect)).except(uuid);
                return defineAndStart(connect, build, plan, others);
            }
        }
    }

    /** Destroys and undefines the domain, removes its mediated devices and its files; success if already gone. */
    public InstanceStatus delete(UUID uuid) {
        synchronized (lock(uuid)) {
            Connect connect = libvirt.get();
            call("delete " + GuestSpec.domainName(uuid), () -> {
                Domain domain = lookup(connect, uuid);
                if (domain != null) {
                    Collection<UUID> mdevs = reader.read(domain.getXMLDesc(0)).mdevUuids();
                    powerOff(domain);
                    domain.undefine();
                    for (UUID mdev : mdevs) {
                        mediatedDevices.remove(connect, mdev);
                    }
                }
                return null;
            });
            files(uuid).remove();
            return new InstanceStatus(uuid, GuestSpec.domainName(uuid), State.DELETED, "NONE");
        }
    }

    /** Starts a stopped guest, resumes a paused one; a running one stays as it is. */
    public InstanceStatus start(UUID uuid) {
        return act(uuid, "start", domain -> {
            DomainState state = domain.getInfo().state;
            if (state == DomainState.VIR_DOMAIN_PAUSED) {
                domain.resume();
            } else if (domain.isActive() == 0) {
                domain.create();
            }
        });
    }

    /** Asks the guest to shut down (ACPI), and powers it off when it has not within the stop timeout. */
    public InstanceStatus stop(UUID uuid) {
        return act(uuid, "stop", domain -> {
            if (domain.isActive() == 0) {
                return;
            }
            domain.shutdown();
            long deadline = System.nanoTime() + stopTimeout.toNanos();
            while (domain.isActive() != 0 && System.nanoTime() < deadline) {
                sleep(STOP_POLL);
            }
            if (domain.isActive() != 0) {
                log.info("{} did not shut down within {}; powering it off", domain.getName(), stopTimeout);
                powerOff(domain);
            }
        });
    }

    /** ACPI reboot; a guest that is not running is started instead. */
    public InstanceStatus rebootSoft(UUID uuid) {
        return act(uuid, "reboot", domain -> {
            if (domain.isActive() == 0) {
                domain.create();
            } else {
                domain.reboot(0);
            }
        });
    }

    /** Reset (the reset button); where the driver cannot reset, power off and on. Starts a stopped guest. */
    public InstanceStatus rebootHard(UUID uuid) {
        return act(uuid, "hard reboot", domain -> {
            if (domain.isActive() == 0) {
                domain.create();
                return;
            }
            try {
                domain.reset();
            } catch (LibvirtException e) {
                if (!unsupported(e)) {
                    throw e;
                }
                powerOff(domain);
                domain.create();
            }
        });
    }

    /** The guest's state now, or empty when it has no domain on this host. */
    public Optional<InstanceStatus> inspect(UUID uuid) {
        Connect connect = libvirt.get();
        return call("inspect " + GuestSpec.domainName(uuid), () -> {
            Domain domain = lookup(connect, uuid);
            return domain == null ? Optional.empty() : Optional.of(status(uuid, domain));
        });
    }

    /** Every guest the agent built that is defined on this host (for reconciliation), in no particular order. */
    public List<InstanceStatus> list() {
        Connect connect = libvirt.get();
        return call("list domains", () -> {
            List<InstanceStatus> guests = new ArrayList<>();
            for (Domain domain : connect.listAllDomains(0)) {
                try {
                    DomainDescription description = reader.read(domain.getXMLDesc(0));
                    if (description.ours()) {
                        guests.add(status(description.uuid(), domain));
                    }
                } catch (LibvirtException e) {
                    if (!noDomain(e)) {
                        throw e;
                    }
                    // Undefined while we looked: not there any more.
                }
            }
            return guests;
        });
    }

    /** The names of the domains on this host that the agent did not build (an operator's, another tool's). */
    public List<String> foreignDomains() {
        Connect connect = libvirt.get();
        return call("list domains", () -> {
            List<String> names = new ArrayList<>();
            for (Domain domain : connect.listAllDomains(0)) {
                try {
                    DomainDescription description = reader.read(domain.getXMLDesc(0));
                    if (!description.ours()) {
                        names.add(description.name());
                    }
                } catch (LibvirtException e) {
                    if (!noDomain(e)) {
                        throw e;
                    }
                }
            }
            return names;
        });
    }

    private InstanceStatus defineAndStart(Connect connect, BuildInstance build, HostPlan plan, DevicesInUse others) {
        UUID uuid = build.instanceUuid();
        InstanceFiles files = files(uuid);
        ConfigDriveContent configContent = configDrive.isPresent() ? ConfigDriveContent.of(build) : null;
        GuestSpec spec = planner.plan(build, plan, others, files.guestFiles(configDrive.isPresent()));
        Path base = baseImage(build, plan);
        Optional<Path> kernel = spec.kernelBoot().map(boot -> image(boot.kernelImage(), "kernel", plan));
        Optional<Path> ramdisk = spec.kernelBoot().flatMap(KernelBoot::ramdiskImage)
                .map(id -> image(id, "ramdisk", plan));
        String xml = writer.write(spec, domainType(connect));
        try {
            // No domain has this uuid, so anything in the directory is a crashed attempt's leftover.
            files.remove();
            files.create();
            overlays.createOverlay(base, files.rootDisk(), build.flavor().diskGb());
            kernel.ifPresent(source -> copy(source, files.kernel()));
            ramdisk.ifPresent(source -> copy(source, files.ramdisk()));
            configDrive.ifPresent(drive -> drive.write(configContent, files.configDrive()));
            for (MediatedGpu mdev : spec.mediatedGpus()) {
                mediatedDevices.create(connect, mdev);
            }
            Domain domain = connect.domainDefineXML(xml);
            domain.create();
            log.info("Built {} on {}: {} GPU(s) passed through, {} mediated device(s), pinned: {}", spec.domainName(),
                    plan.host(), spec.passthroughGpus().size(), spec.mediatedGpus().size(), spec.pinning().isPresent());
            return status(uuid, domain);
        } catch (LibvirtException e) {
            undo(connect, uuid, spec.mediatedGpus(), files);
            if (libvirt.lost(e)) {
                throw new LibvirtUnavailableException("libvirt connection lost while building " + spec.domainName()
                        + ": " + LibvirtConnection.message(e), e);
            }
            throw new BuildRefusedException("libvirt refused " + spec.domainName() + ": "
                    + LibvirtConnection.message(e), e);
        } catch (RuntimeException e) {
            undo(connect, uuid, spec.mediatedGpus(), files);
            throw new BuildRefusedException("cannot build " + spec.domainName() + ": " + e.getMessage(), e);
        }
    }

    private Path baseImage(BuildInstance build, HostPlan plan) {
        UUID image = build.build() == null ? null : build.build().imageUuid();
        if (image == null) {
            throw new BuildRefusedException("no image to boot from (booting from a volume is not supported yet)");
        }
        return images.baseImage(image).orElseThrow(() -> new BuildRefusedException("image " + image
                + " is not on host " + plan.host() + " (" + images + ")"));
    }

    /** A kernel or ramdisk image (direct kernel boot) from the image source; a missing one refuses the build. */
    private Path image(UUID image, String what, HostPlan plan) {
        return images.baseImage(image).orElseThrow(() -> new BuildRefusedException(what + " image " + image
                + " is not on host " + plan.host() + " (" + images + ")"));
    }

    private static void copy(Path source, Path target) {
        try {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
        }
    }

    /** The configured type, or what this host's libvirt offers best (asked once: KVM does not come and go). */
    private DomainType domainType(Connect connect) {
        if (fixedDomainType.isPresent()) {
            return fixedDomainType.get();
        }
        DomainType type = detectedDomainType;
        if (type == null) {
            type = call("read capabilities", () -> DomainType.fromCapabilities(connect.getCapabilities()));
            log.info("Guests on {} are {} domains", libvirt.uri(), type.xmlName());
            detectedDomainType = type;
        }
        return type;
    }

    /** A redelivered build: the domain is there; start it if needed, or give up on it cleanly. */
    private InstanceStatus ensureRunning(Connect connect, UUID uuid, Domain domain) {
        try {
            if (domain.isActive() == 0) {
                domain.create();
            }
            return status(uuid, domain);
        } catch (LibvirtException e) {
            if (libvirt.lost(e)) {
                throw new LibvirtUnavailableException("libvirt connection lost while starting "
                        + GuestSpec.domainName(uuid) + ": " + LibvirtConnection.message(e), e);
            }
            undo(connect, uuid, mdevsOf(domain), files(uuid));
            throw new BuildRefusedException("libvirt cannot start " + GuestSpec.domainName(uuid) + ": "
                    + LibvirtConnection.message(e), e);
        }
    }

    private List<MediatedGpu> mdevsOf(Domain domain) {
        try {
            return reader.read(domain.getXMLDesc(0)).mediatedGpus();
        } catch (LibvirtException | IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Best effort, after a failed build: whatever of it exists goes; what cannot go is logged. */
    private void undo(Connect connect, UUID uuid, List<MediatedGpu> mdevs, InstanceFiles files) {
        try {
            Domain domain = lookup(connect, uuid);
            if (domain != null) {
                powerOff(domain);
                domain.undefine();
            }
        } catch (LibvirtException e) {
            log.warn("Could not remove the domain of failed build {}: {}", GuestSpec.domainName(uuid),
                    LibvirtConnection.message(e));
        }
        for (MediatedGpu mdev : mdevs) {
            try {
                mediatedDevices.remove(connect, mdev.uuid());
            } catch (LibvirtException e) {
                log.warn("Could not remove mediated device {} of failed build {}: {}", mdev.uuid(),
                        GuestSpec.domainName(uuid), LibvirtConnection.message(e));
            }
        }
        try {
            files.remove();
        } catch (RuntimeException e) {
            log.warn("Could not remove the files of failed build {}: {}", GuestSpec.domainName(uuid), e.getMessage());
        }
    }

    private DevicesInUse devicesInUse(Connect connect) throws LibvirtException {
        List<DomainDescription> domains = new ArrayList<>();
        for (Domain domain : connect.listAllDomains(0)) {
            try {
                domains.add(reader.read(domain.getXMLDesc(0)));
            } catch (LibvirtException e) {
                if (!noDomain(e)) {
                    throw e;
                }
            }
        }
        return new DevicesInUse(domains);
    }

    private InstanceStatus act(UUID uuid, String what, DomainAction action) {
        synchronized (lock(uuid)) {
            Connect connect = libvirt.get();
            return call(what + " " + GuestSpec.domainName(uuid), () -> {
                Domain domain = lookup(connect, uuid);
                if (domain == null) {
                    throw new InstanceOperationException("cannot " + what + " instance " + uuid + ": it has no "
                            + "domain on this host");
                }
                action.apply(domain);
                return status(uuid, domain);
            });
        }
    }

    /** Runs libvirt calls, telling a lost connection (retry) from a refusal (report). */
    private <T> T call(String what, LibvirtCall<T> call) {
        try {
            return call.run();
        } catch (LibvirtException e) {
            String reason = what + ": " + LibvirtConnection.message(e);
            if (libvirt.lost(e)) {
                throw new LibvirtUnavailableException(reason, e);
            }
            throw new InstanceOperationException(reason, e);
        }
    }

    static InstanceStatus status(UUID uuid, Domain domain) throws LibvirtException {
        DomainState state = domain.getInfo().state;
        return new InstanceStatus(uuid, domain.getName(), fold(state), state.name());
    }

    /** libvirt's states folded into the API's: still-running states are ACTIVE, a crashed guest is an ERROR. */
    static State fold(DomainState state) {
        return switch (state) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED, VIR_DOMAIN_SHUTDOWN -> State.ACTIVE;
            case VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> State.PAUSED;
            case VIR_DOMAIN_CRASHED -> State.ERROR;
            case VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_NOSTATE -> State.SHUTOFF;
        };
    }

    private static Domain lookup(Connect connect, UUID uuid) throws LibvirtException {
        try {
            return connect.domainLookupByUUID(uuid);
        } catch (LibvirtException e) {
            if (noDomain(e)) {
                return null;
            }
            throw e;
        }
    }

    /** Destroy (pull the plug) if running; a guest that stopped meanwhile is fine. */
    private static void powerOff(Domain domain) throws LibvirtException {
        if (domain.isActive() == 0) {
            return;
        }
        try {
            domain.destroy();
        } catch (LibvirtException e) {
            if (e.getError() == null || e.getError().getCode() != ErrorNumber.VIR_ERR_OPERATION_INVALID) {
                throw e;
            }
        }
    }

    private static boolean noDomain(LibvirtException e) {
        return e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN;
    }

    private static boolean unsupported(LibvirtException e) {
        ErrorNumber code = e.getError() == null ? null : e.getError().getCode();
        return code == ErrorNumber.VIR_ERR_NO_SUPPORT || code == ErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED;
    }

    private Object lock(UUID uuid) {
        return instanceLocks[Math.floorMod(uuid.hashCode(), LOCK_STRIPES)];
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstanceOperationException("interrupted while waiting for the guest to shut down", e);
        }
    }

    @FunctionalInterface
    private interface LibvirtCall<T> {
        T run() throws LibvirtException;
    }

    @FunctionalInterface
    private interface DomainAction {
        void apply(Domain domain) throws LibvirtException;
    }
}
