package io.gpucloud.agent.instance;

import static io.gpucloud.agent.instance.SimulatedHost.flavor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gpucloud.common.messaging.Envelope;
import io.gpucloud.common.messaging.contract.BuildFailed;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.InstanceAction;
import io.gpucloud.common.messaging.contract.InstanceAction.Action;
import io.gpucloud.common.messaging.contract.InstanceStateChanged;
import io.gpucloud.common.messaging.contract.InstanceStateChanged.State;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;

/** The command handlers over the real test driver, reporting to a recording {@link InstanceEvents}. */
class InstanceHandlersTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path work;

    private SimulatedHost host;
    private final RecordingEvents events = new RecordingEvents();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private BuildInstanceHandler builds;
    private InstanceActionHandler actions;

    @BeforeAll
    static void needsQemuImg() {
        assumeTrue(ExternalCommand.onPath("qemu-img"), "qemu-img (Debian qemu-utils) is not installed");
    }

    @BeforeEach
    void startAgent() throws Exception {
        host = SimulatedHost.open("a100-8x-2numa.xml", "a100-host", Map.of(), work);
        InstanceDriver driver = host.driver(false, Duration.ofSeconds(5));
        builds = new BuildInstanceHandler(driver, () -> host.plan, events, clock);
        actions = new InstanceActionHandler(driver, events, clock);
    }

    @AfterEach
    void closeHost() throws Exception {
        host.close();
    }

    @Test
    void aBuildReportsActiveAndARedeliveryReportsItAgain() {
        BuildInstance build = host.build(flavor(2, Map.of()), List.of(host.claim("0000:17:00.0", 1)));

        builds.handle(Envelope.create(build));
        builds.handle(Envelope.create(build));

        InstanceStateChanged active = new InstanceStateChanged(build.instanceUuid(), "a100-host", State.ACTIVE, null,
                "instance-" + build.instanceUuid(), NOW);
        assertThat(events.states).containsExactly(active, active);
        assertThat(events.failures).isEmpty();
    }

    @Test
    void aRefusedBuildReportsBuildFailedWithTheAttemptAndLeavesNothing() throws Exception {
        BuildInstance first = host.build(flavor(2, Map.of()), List.of(host.claim("0000:17:00.0", 1)));
        builds.handle(Envelope.create(first));
        BuildInstance taken = new BuildInstance(UUID.randomUUID(), "p", "u", "a100-host", UUID.randomUUID(), 3,
                Map.of(), List.of(host.claim("0000:17:00.0", 1)), flavor(2, Map.of()), Map.of(), first.build(),
                List.of());

        builds.handle(Envelope.create(taken));

        assertThat(events.failures).containsExactly(new BuildFailed(taken.instanceUuid(), "a100-host", 3,
                "GPU 0000:17:00.0 is already passed through to domain instance-" + first.instanceUuid()));
        assertThat(host.domainNames()).containsExactly("instance-" + first.instanceUuid());
    }

    @Test
    void actionsReportTheStateAfterwardsAndDeletedAfterDelete() {
        BuildInstance build = host.build(flavor(2, Map.of()), List.of(host.claim("0000:17:00.0", 1)));
        builds.handle(Envelope.create(build));
        UUID uuid = build.instanceUuid();
        events.states.clear();

        for (Action action : List.of(Action.STOP, Action.START, Action.REBOOT_SOFT, Action.REBOOT_HARD, Action.DELETE,
                Action.DELETE)) {
            actions.handle(Envelope.create(new InstanceAction(uuid, "a100-host", action)));
        }

        assertThat(events.states).extracting(InstanceStateChanged::state).containsExactly(State.SHUTOFF, State.ACTIVE,
                State.ACTIVE, State.ACTIVE, State.DELETED, State.DELETED);
        assertThat(events.states.get(4).domainName()).isNull();
        assertThat(events.states.get(0).domainName()).isEqualTo("instance-" + uuid);
    }

    @Test
    void anActionLibvirtCannotDoReportsErrorWithTheReason() {
        UUID gone = UUID.randomUUID();

        actions.handle(Envelope.create(new InstanceAction(gone, "a100-host", Action.START)));

        assertThat(events.states).singleElement().satisfies(event -> {
            assertThat(event.state()).isEqualTo(State.ERROR);
            assertThat(event.reason()).contains("it has no domain on this host");
            assertThat(event.instanceUuid()).isEqualTo(gone);
        });
    }

    @Test
    void aLostLibvirtConnectionThrowsSoTheCommandIsRetried() throws Exception {
        Connect closed = new Connect(host.uri);
        closed.close();
        InstanceDriver broken = new InstanceDriver(LibvirtConnection.of(closed), host.stateDir,
                new LocalImageDirectory(host.imagesDir), new QcowOverlay(),
                Optional.empty(), Duration.ofSeconds(1));
        BuildInstanceHandler brokenBuilds = new BuildInstanceHandler(broken, () -> host.plan, events, clock);
        InstanceActionHandler brokenActions = new InstanceActionHandler(broken, events, clock);
        BuildInstance build = host.build(flavor(2, Map.of()), List.of(host.claim("0000:17:00.0", 1)));

        assertThatThrownBy(() -> brokenBuilds.handle(Envelope.create(build)))
                .isInstanceOf(LibvirtUnavailableException.class);
        assertThatThrownBy(() -> brokenActions.handle(Envelope.create(new InstanceAction(build.instanceUuid(),
                "a100-host", Action.STOP)))).isInstanceOf(LibvirtUnavailableException.class);
        assertThat(events.states).isEmpty();
        assertThat(events.failures).isEmpty();
    }
}
