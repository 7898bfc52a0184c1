package io.gpucloud.compute.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpucloud.common.messaging.contract.InstanceStateChanged.State;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    private static final UUID ID = UUID.fromString("11111111-2222-3333-4444-555555555555");

    @Test
    void aServerIsBuiltThenStoppedStartedRebootedAndDeleted() {
        Lifecycle created = Lifecycle.created();
        assertThat(created.status()).isEqualTo("BUILD");
        assertThat(created.task()).isEqualTo(TaskState.SCHEDULING);

        Lifecycle spawning = created.scheduled();
        assertThat(spawning).isEqualTo(new Lifecycle(VmState.BUILDING, TaskState.SPAWNING, PowerState.NOSTATE));

        Lifecycle active = spawning.observed(State.ACTIVE);
        assertThat(active).isEqualTo(new Lifecycle(VmState.ACTIVE, TaskState.NONE, PowerState.RUNNING));
        assertThat(active.status()).isEqualTo("ACTIVE");

        Lifecycle stopping = active.stop(ID);
        assertThat(stopping.task()).isEqualTo(TaskState.POWERING_OFF);
        Lifecycle stopped = stopping.observed(State.SHUTOFF);
        assertThat(stopped.status()).isEqualTo("SHUTOFF");
        assertThat(stopped.power()).isEqualTo(PowerState.SHUTDOWN);

        Lifecycle started = stopped.start(ID).observed(State.ACTIVE);
        assertThat(started.status()).isEqualTo("ACTIVE");
        assertThat(started.reboot(ID, false).status()).isEqualTo("REBOOT");
        assertThat(started.reboot(ID, true).status()).isEqualTo("HARD_REBOOT");

        Lifecycle deleting = started.delete(ID);
        assertThat(deleting.deleting()).isTrue();
        assertThat(deleting.observed(State.ACTIVE)).as("a late report does not undo the delete").isEqualTo(deleting);
        assertThat(deleting.observed(State.DELETED).status()).isEqualTo("DELETED");
    }

    @Test
    void actionsTheStateDoesNotAllowAreConflictsThatSayWhy() {
        Lifecycle active = Lifecycle.created().scheduled().observed(State.ACTIVE);

        assertThatThrownBy(() -> active.start(ID)).isInstanceOf(InstanceStateConflictException.class)
                .hasMessage("Cannot 'start' instance " + ID + " while it is in vm_state active");
        assertThatThrownBy(() -> active.stop(ID).stop(ID)).isInstanceOf(InstanceStateConflictException.class)
                .hasMessage("Cannot 'stop' instance " + ID + " while it is in vm_state active and task_state"
                        + " powering-off");
        assertThatThrownBy(() -> Lifecycle.created().stop(ID)).isInstanceOf(InstanceStateConflictException.class);
        assertThatThrownBy(() -> active.delete(ID).deleted().delete(ID))
                .isInstanceOf(InstanceStateConflictException.class);
    }

    @Test
    void noValidHostIsAnErrorAndAGuestStoppedOutsideTheApiIsBelieved() {
        assertThat(Lifecycle.created().noValidHost().status()).isEqualTo("ERROR");
        Lifecycle active = Lifecycle.created().scheduled().observed(State.ACTIVE);
        assertThat(active.observed(State.SHUTOFF).status()).isEqualTo("SHUTOFF");
        assertThat(active.observed(State.ERROR).status()).isEqualTo("ERROR");
        // An ERROR server may be stopped, hard-rebooted and deleted, as in Nova.
        Lifecycle error = active.observed(State.ERROR);
        assertThat(error.stop(ID).task()).isEqualTo(TaskState.POWERING_OFF);
        assertThat(error.reboot(ID, true).task()).isEqualTo(TaskState.REBOOTING_HARD);
        assertThatThrownBy(() -> error.reboot(ID, false)).isInstanceOf(InstanceStateConflictException.class);
    }

    /** Whatever happens in whatever order, deleted stays deleted and a delete under way is never undone. */
    @Property(tries = 300)
    void deletedIsFinalAndADeleteIsNeverUndone(@ForAll("histories") List<String> history) {
        Lifecycle lifecycle = Lifecycle.created();
        boolean deleteRequested = false;
        for (String step : history) {
            Lifecycle before = lifecycle;
            try {
                lifecycle = apply(lifecycle, step);
            }
            catch (InstanceStateConflictException refused) {
                assertThat(lifecycle).isEqualTo(before);
                continue;
            }
            if (before.vm() == VmState.DELETED) {
                assertThat(lifecycle.vm()).isEqualTo(VmState.DELETED);
            }
            if (step.equals("delete")) {
                deleteRequested = true;
            }
            if (deleteRequested) {
                assertThat(lifecycle.deleting() || lifecycle.vm() == VmState.DELETED).isTrue();
            }
            assertThat(lifecycle.status()).isIn("BUILD", "ACTIVE", "SHUTOFF", "ERROR", "DELETED", "REBOOT",
                    "HARD_REBOOT");
        }
    }

    @Provide
    Arbitrary<List<String>> histories() {
        return Arbitraries.of("scheduled", "noValidHost", "ACTIVE", "SHUTOFF", "ERROR", "PAUSED", "DELETED", "start",
                "stop", "reboot", "hardReboot", "delete").list().ofMaxSize(25);
    }

    private static Lifecycle apply(Lifecycle lifecycle, String step) {
        return switch (step) {
            case "scheduled" -> lifecycle.scheduled();
            case "noValidHost" -> lifecycle.noValidHost();
            case "start" -> lifecycle.start(ID);
            case "stop" -> lifecycle.stop(ID);
            case "reboot" -> lifecycle.reboot(ID, false);
            case "hardReboot" -> lifecycle.reboot(ID, true);
            case "delete" -> lifecycle.delete(ID);
            default -> lifecycle.observed(State.valueOf(step));
        };
    }
}
