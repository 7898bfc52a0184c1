package io.gpucloud.agent.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gpucloud.agent.discovery.HostDiscovery;
import io.gpucloud.agent.domain.DomainType;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.inventory.HostPlan;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.BuildSpec;
import io.gpucloud.common.messaging.contract.FlavorSpec;
import io.gpucloud.common.messaging.contract.InstanceStateChanged.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/**
 * A real boot: the agent's driver builds a CPU-only guest through libvirtd and QEMU ({@code qemu:///system}), a
 * Debian kernel and a busybox initramfs booted directly (deploy/guest/build-tiny-guest.sh), sees it running, reads
 * the boot marker from its serial console log, and deletes it. With TCG (QEMU's emulator), which works on any host;
 * with KVM on request.
 *
 * <p>Needs libvirtd with the QEMU driver, started as deploy/setup-host.sh does; skipped only when its socket or
 * qemu-system-x86_64 is missing.
 */
class QemuBootTest {

    private static final String URI = "qemu:///system";
    private static final String MARKER = "gpucloud-tiny-guest booted";
    private static final String KVM_OPT_IN = "GPUCLOUD_TEST_KVM";
    /** TCG on a busy two-core CI machine is slow; a boot usually takes seconds (KVM) to ~10 s (TCG). */
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);
    // Surefire runs in the module directory.
    private static final Path BUILD_TINY_GUEST = Path.of("..", "deploy", "guest", "build-tiny-guest.sh")
            .toAbsolutePath().normalize();

    @TempDir
    Path work;

    private final List<Runnable> cleanups = new ArrayList<>();

    @BeforeAll
    static void needsLibvirtdAndQemu() {
        assumeTrue(Files.exists(Path.of("/run/libvirt/libvirt-sock"))
                || Files.exists(Path.of("/run/libvirt/virtqemud-sock")),
                "libvirtd is not running (no socket in /run/libvirt; deploy/setup-host.sh starts it)");
        assumeTrue(ExternalCommand.onPath("qemu-system-x86_64"),
                "qemu-system-x86_64 (Debian qemu-system-x86) is not installed");
    }

    @AfterEach
    void removeLeftovers() {
        // A failed assertion must not leave a running guest on the CI host; one failing cleanup does not stop the rest.
        for (Runnable cleanup : cleanups) {
            try {
                cleanup.run();
            } catch (RuntimeException e) {
                System.err.println("QemuBootTest cleanup failed: " + e);
            }
        }
    }

    /**
     * TCG, which runs anywhere. Where libvirt offers no KVM the driver must choose TCG itself, so the type is left to
     * it; where it offers KVM, TCG is asked for (see {@link #bootsWithKvmWhenAskedTo} for why KVM is opt-in).
     */
    @Test
    void bootsATinyGuestWithTcgReadsItsConsoleAndDeletesIt() throws Exception {
        Optional<DomainType> configured = offered() == DomainType.QEMU ? Optional.empty()
                : Optional.of(DomainType.QEMU);
        bootAndDelete(configured, DomainType.QEMU);
    }

    /**
     * KVM as the driver chooses it, only with {@value #KVM_OPT_IN}=1: a VM (a CI runner, this project's build
     * containers) can have a /dev/kvm that libvirt offers but nested guests cannot run on (QEMU 7.2 on a nested
     * EPYC: "failed to set MSR 0x10a" with host-passthrough, a hang in early boot otherwise).
     */
    @Test
    void bootsWithKvmWhenAskedTo() throws Exception {
        assumeTrue("1".equals(System.getenv(KVM_OPT_IN)), KVM_OPT_IN + "=1 not set: KVM boot not tried");
        assumeTrue(offered() == DomainType.KVM, "libvirt offers no KVM on this host");
        bootAndDelete(Optional.empty(), DomainType.KVM);
    }

    /** What libvirt offers, asked independently of the driver. */
    private DomainType offered() throws LibvirtException {
        return DomainType.fromCapabilities(readOnly().getCapabilities());
    }

    private Connect readOnly() throws LibvirtException {
        Connect connect = new Connect(URI, true);
        cleanups.add(() -> {
            try {
                connect.close();
            } catch (LibvirtException e) {
                // The test is over; nothing to free.
            }
        });
        return connect;
    }

    private void bootAndDelete(Optional<DomainType> configured, DomainType expected) throws Exception {
        Path guest = work.resolve("guest");
        ExternalCommand commands = new ExternalCommand(Duration.ofMinutes(2));
        commands.run(List.of(BUILD_TINY_GUEST.toString(), guest.toString()));
        Path images = Files.createDirectories(work.resolve("images"));
        UUID disk = UUID.randomUUID();
        UUID kernel = UUID.randomUUID();
        UUID ramdisk = UUID.randomUUID();
        commands.run(List.of("qemu-img", "create", "-q", "-f", "qcow2", images.resolve(disk.toString()).toString(),
                "64M"));
        Files.copy(guest.resolve("vmlinuz"), images.resolve(kernel.toString()));
        Files.copy(guest.resolve("initramfs.cpio.gz"), images.resolve(ramdisk.toString()));

        HostInventory inventory = HostDiscovery.forLibvirt(URI).discover();
        HostPlan plan = HostPlan.of(inventory.hostname(), inventory, Map.of(), Set.of(), 10, 0, 0);
        LibvirtConnection libvirt = LibvirtConnection.lazy(URI);
        cleanups.add(libvirt::close);
        InstanceDriver driver = new InstanceDriver(libvirt, work.resolve("state"), new LocalImageDirectory(images),
                new QcowOverlay(), Optional.of(new ConfigDrive()), Duration.ofSeconds(10), configured);
        UUID instance = UUID.randomUUID();
        // Default command line (console=ttyS0): the kernel's messages stay in the log should the boot fail.
        BuildInstance build = new BuildInstance(instance, "project-1", "user-1", plan.host(), UUID.randomUUID(), 1,
                Map.of(), List.of(), new FlavorSpec("tiny", 1, 256, 1, Map.of()),
                Map.of("kernel_id", kernel.toString(), "ramdisk_id", ramdisk.toString()),
                new BuildSpec("tiny-guest", disk, null, null, null, Map.of()), List.of());
        cleanups.add(0, () -> driver.delete(instance));

        InstanceStatus built = driver.build(build, plan);

        assertThat(built.state()).isEqualTo(State.ACTIVE);
        InstanceFiles files = driver.files(instance);
        Connect connect = readOnly();
        Domain domain = connect.domainLookupByUUID(instance);
        assertThat(domain.getInfo().state).isEqualTo(DomainState.VIR_DOMAIN_RUNNING);
        assertThat(domain.getXMLDesc(0)).contains("<domain type='" + expected.xmlName() + "'")
                .contains("<kernel>" + files.kernel() + "</kernel>")
                .contains("<initrd>" + files.ramdisk() + "</initrd>")
                .contains("<cmdline>console=ttyS0</cmdline>");
        String console = awaitConsole(files.consoleLog(), MARKER);
        assertThat(console).contains(MARKER + ": ").contains("1 CPU(s)");

        assertThat(driver.delete(instance).state()).isEqualTo(State.DELETED);

        assertThatThrownBy(() -> connect.domainLookupByUUID(instance)).isInstanceOf(LibvirtException.class)
                .satisfies(e -> assertThat(((LibvirtException) e).getError().getCode())
                        .isEqualTo(ErrorNumber.VIR_ERR_NO_DOMAIN));
        assertThat(files.exists()).isFalse();
        assertThat(driver.list()).noneMatch(status -> status.uuid().equals(instance));
    }

    /** The console log once it holds {@code marker}; polled, since QEMU appends as the guest writes. */
    private static String awaitConsole(Path log, String marker) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                text = Files.readString(log, StandardCharsets.ISO_8859_1);
                if (text.contains(marker)) {
                    return text;
                }
            }
            Thread.sleep(250);
        }
        String tail = text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        return fail("no '" + marker + "' on the console within " + BOOT_TIMEOUT + "; the log ends with:\n" + tail);
    }
}
