package io.gpucloud.agent.instance;

import static io.gpucloud.agent.instance.SimulatedHost.flavor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gpucloud.agent.reconcile.Reconciler;
import io.gpucloud.agent.reconcile.RememberingInstanceEvents;
import io.gpucloud.agent.reconcile.ReportedStates;
import io.gpucloud.common.messaging.contract.BuildFailed;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.InstanceStateChanged;
import io.gpucloud.common.messaging.contract.InstanceStateChanged.State;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconciliation against the real libvirt test driver: guests changed behind the agent's back, guests whose
 * domain vanished, guests the control plane does not know, and domains the agent never built. The control
 * plane's records (Placement's consumers on the host) are a set the test controls.
 */
class ReconcilerTest {

    private static final UUID ROOT = UUID.randomUUID();

    @TempDir
    Path work;

    private SimulatedHost host;
    private InstanceDriver driver;
    private final List<InstanceStateChanged> reported = new ArrayList<>();
    private final Set<UUID> placementConsumers = new HashSet<>();
    private final ReportedStates states = new ReportedStates();
    private InstanceEvents events;

    @BeforeAll
    static void needsQemuImg() {
        assumeTrue(ExternalCommand.onPath("qemu-img"), "qemu-img (Debian qemu-utils) is not installed");
    }

    @BeforeEach
    void openHost() throws Exception {
        host = SimulatedHost.open("a100-8x-2numa.xml", "rec-host", Map.of(), work);
        driver = host.driver(false, Duration.ofSeconds(2));
        events = new RememberingInstanceEvents(new InstanceEvents() {
            @Override
            public void stateChanged(InstanceStateChanged event) {
                reported.add(event);
            }

            @Override
            public void buildFailed(BuildFailed event) {
            }
        }, states);
    }

    @AfterEach
    void closeHost() throws Exception {
        host.close();
    }

    private Reconciler reconciler(boolean destroyUnknown) {
        return new Reconciler("rec-host", driver, events, root -> Optional.of(Set.copyOf(placementConsumers)),
                instance -> driver.files(instance).exists(), destroyUnknown, states, Clock.systemUTC());
    }

    /** A guest built the way the handler builds it: claimed in Placement first, reported ACTIVE after. */
    private UUID guest(String gpu) {
        BuildInstance build = host.build(flavor(4, Map.of()), List.of(host.claim(gpu, 1)));
        placementConsumers.add(build.instanceUuid());
        InstanceStatus status = driver.build(build, host.plan);
        events.stateChanged(new InstanceStateChanged(build.instanceUuid(), "rec-host", status.state(), null,
                status.domainName(), java.time.Instant.now()));
        reported.clear();
        return build.instanceUuid();
    }

    @Test
    void aFreshAgentReportsEveryGuestOnceThenOnlyChanges() {
        UUID running = guest("0000:17:00.0");
        UUID other = guest("0000:31:00.0");
        ReportedStates afterRestart = new ReportedStates();
        Reconciler restarted = new Reconciler("rec-host", driver, events, root -> Optional.of(Set.copyOf(placementConsumers)),
                instance -> driver.files(instance).exists(), false, afterRestart, Clock.systemUTC());

        assertThat(restarted.reconcile(ROOT).stateChanges()).containsOnlyKeys(running, other);
        reported.clear();
        assertThat(restarted.reconcile(ROOT).stateChanges()).isEmpty();
        assertThat(reported).isEmpty();
    }

    @Test
    void aGuestStoppedOutsideTheAgentIsReportedShutoff() throws Exception {
        UUID instance = guest("0000:17:00.0");
        Reconciler reconciler = reconciler(false);
        assertThat(reconciler.reconcile(ROOT).stateChanges()).as("the handler reported ACTIVE already").isEmpty();

        host.connect.domainLookupByUUID(instance).destroy();

        assertThat(reconciler.reconcile(ROOT).stateChanges()).containsExactly(Map.entry(instance, State.SHUTOFF));
        assertThat(reported).singleElement().satisfies(event -> {
            assertThat(event.instanceUuid()).isEqualTo(instance);
            assertThat(event.state()).isEqualTo(State.SHUTOFF);
            assertThat(event.host()).isEqualTo("rec-host");
        });
    }

    @Test
    void aGuestWhoseDomainVanishedIsReportedErrorOnce() throws Exception {
        UUID instance = guest("0000:17:00.0");
        var domain = host.connect.domainLookupByUUID(instance);
        domain.destroy();
        domain.undefine();
        Reconciler reconciler = reconciler(false);

        assertThat(reconciler.reconcile(ROOT).vanished()).containsExactly(instance);
        assertThat(reported).singleElement().satisfies(event -> {
            assertThat(event.state()).isEqualTo(State.ERROR);
            assertThat(event.reason()).contains("vanished");
        });
        assertThat(reconciler.reconcile(ROOT).vanished()).isEmpty();
    }

    @Test
    void anInstanceWhoseBuildHasNotArrivedIsLeftAlone() {
        placementConsumers.add(UUID.randomUUID());

        Reconciler.Report report = reconciler(false).reconcile(ROOT);

        assertThat(report.vanished()).isEmpty();
        assertThat(reported).isEmpty();
    }

    @Test
    void aBuildUnderWayIsNotADomainThatVanished() throws Exception {
        BuildInstance build = host.build(flavor(2, Map.of()), List.of());
        UUID instance = build.instanceUuid();
        placementConsumers.add(instance);
        // Its files exist (a crashed attempt's, say) and the build waits for its image: in flight, no domain yet.
        driver.files(instance).create();
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LocalImageDirectory images = new LocalImageDirectory(host.imagesDir);
        InstanceDriver slowDriver = new InstanceDriver(host.libvirt, host.stateDir, image -> {
            waiting.countDown();
            await(release);
            return images.baseImage(image);
        }, new QcowOverlay(), Optional.empty(), Duration.ofSeconds(2));
        ExecutorService builder = Executors.newSingleThreadExecutor();
        try {
            Future<InstanceStatus> built = builder.submit(() -> slowDriver.build(build, host.plan));
            await(waiting);

            Reconciler.Report report = new Reconciler("rec-host", slowDriver, events,
                    root -> Optional.of(Set.copyOf(placementConsumers)), id -> slowDriver.files(id).exists(), false,
                    states, Clock.systemUTC()).reconcile(ROOT);

            assertThat(report.vanished()).isEmpty();
            release.countDown();
            assertThat(built.get(30, TimeUnit.SECONDS).state()).isEqualTo(State.ACTIVE);
        } finally {
            release.countDown();
            builder.shutdownNow();
        }
        assertThat(reported).noneMatch(event -> event.state() == State.ERROR);
    }

    @Test
    void aBuildThatFinishedWhileThePassRanIsNotADomainThatVanished() {
        BuildInstance build = host.build(flavor(2, Map.of()), List.of());
        UUID instance = build.instanceUuid();
        placementConsumers.add(instance);
        // The pass listed the domains before the build defined this one; the build is done when the pass looks.
        Reconciler reconciler = new Reconciler("rec-host", driver, events,
                root -> Optional.of(Set.copyOf(placementConsumers)), id -> {
                    if (id.equals(instance) && !driver.files(id).exists()) {
                        driver.build(build, host.plan);
                    }
                    return driver.files(id).exists();
                }, false, states, Clock.systemUTC());

        assertThat(reconciler.reconcile(ROOT).vanished()).isEmpty();
        assertThat(reported).noneMatch(event -> event.state() == State.ERROR);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aGuestTheControlPlaneDoesNotKnowIsReportedNotDestroyedUnlessConfigured() throws Exception {
        UUID orphan = guest("0000:17:00.0");
        placementConsumers.remove(orphan);

        Reconciler.Report report = reconciler(false).reconcile(ROOT);
        assertThat(report.unknown()).containsExactly(orphan);
        assertThat(report.destroyed()).isEmpty();
        assertThat(host.domainNames()).contains("instance-" + orphan);

        Reconciler.Report destroying = reconciler(true).reconcile(ROOT);
        assertThat(destroying.destroyed()).containsExactly(orphan);
        assertThat(host.domainNames()).doesNotContain("instance-" + orphan);
        assertThat(driver.files(orphan).exists()).isFalse();
    }

    @Test
    void domainsTheAgentDidNotBuildAreListedAndNeverTouched() throws Exception {
        host.connect.domainDefineXML("""
                <domain type='test'><name>someone-elses-vm</name><memory>1048576</memory><vcpu>1</vcpu>
                <os><type arch='x86_64'>hvm</type></os></domain>""").create();

        Reconciler.Report report = reconciler(true).reconcile(ROOT);

        assertThat(report.foreign()).contains("someone-elses-vm");
        assertThat(report.destroyed()).isEmpty();
        assertThat(host.domainNames()).contains("someone-elses-vm");
    }

    @Test
    void withoutPlacementOnlyStateChangesAreReported() throws Exception {
        UUID instance = guest("0000:17:00.0");
        host.connect.domainLookupByUUID(instance).destroy();
        Reconciler blind = new Reconciler("rec-host", driver, events, root -> Optional.empty(),
                id -> driver.files(id).exists(), true, states, Clock.systemUTC());

        Reconciler.Report report = blind.reconcile(ROOT);

        assertThat(report.stateChanges()).containsExactly(Map.entry(instance, State.SHUTOFF));
        assertThat(report.unknown()).isEmpty();
        assertThat(report.destroyed()).isEmpty();
    }
}
