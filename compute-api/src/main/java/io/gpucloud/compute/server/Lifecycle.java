package io.gpucloud.compute.server;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.messaging.contract.InstanceStateChanged;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * An instance's lifecycle: vm_state, task_state and power_state together, and every way they may change. The
 * one place that decides; the service only stores what it returns.
 *
 * <pre>
 *  create ─► BUILDING/scheduling ─(scheduled)─► BUILDING/spawning ─(host: ACTIVE)─► ACTIVE ◄──┐
 *                 │                                   │                                │  ▲   │(host: ACTIVE)
 *          (no valid host)                     (host: ERROR)                     stop │  │start│
 *                 ▼                                   ▼                                ▼  │   │
 *               ERROR ◄──────────────────────────── ERROR                  STOPPED/powering-on
 *
 *  any state ─ delete ─► …/deleting ─(host: DELETED, or no host to ask)─► DELETED
 *  ACTIVE/STOPPED ─ reboot ─► …/rebooting(_hard) ─(host: ACTIVE)─► ACTIVE
 *  the host may report SHUTOFF or ACTIVE at any time (a guest stopped or started outside the API): believed
 *  unless a delete is under way.
 * </pre>
 */
public record Lifecycle(VmState vm, TaskState task, PowerState power) {

    public Lifecycle {
        requireNonNull(vm, "vm is null");
        requireNonNull(task, "task is null");
        requireNonNull(power, "power is null");
    }

    /** A new instance, waiting for the scheduler. */
    public static Lifecycle created() {
        return new Lifecycle(VmState.BUILDING, TaskState.SCHEDULING, PowerState.NOSTATE);
    }

    /** The API's {@code status}. */
    public String status() {
        if (vm == VmState.ACTIVE && task == TaskState.REBOOTING) {
            return "REBOOT";
        }
        if (vm == VmState.ACTIVE && task == TaskState.REBOOTING_HARD) {
            return "HARD_REBOOT";
        }
        return switch (vm) {
            case BUILDING -> "BUILD";
            case ACTIVE -> "ACTIVE";
            case STOPPED -> "SHUTOFF";
            case ERROR -> "ERROR";
            case DELETED -> "DELETED";
        };
    }

    public boolean deleting() {
        return task == TaskState.DELETING;
    }

    // --- events from the scheduler and the host ---

    /** The scheduler claimed a host; ignored unless the instance still waits for one. */
    public Lifecycle scheduled() {
        return vm == VmState.BUILDING && task == TaskState.SCHEDULING
                ? new Lifecycle(VmState.BUILDING, TaskState.SPAWNING, PowerState.NOSTATE) : this;
    }

    /** No host can take it (or every host failed). */
    public Lifecycle noValidHost() {
        return vm == VmState.BUILDING && !deleting() ? new Lifecycle(VmState.ERROR, TaskState.NONE, power) : this;
    }

    /** What the host saw. */
    public Lifecycle observed(InstanceStateChanged.State state) {
        if (vm == VmState.DELETED) {
            return this;
        }
        if (state == InstanceStateChanged.State.DELETED) {
            return new Lifecycle(VmState.DELETED, TaskState.NONE, PowerState.NOSTATE);
        }
        if (deleting()) {
            // The guest may still run until the delete lands; the instance is on its way out regardless.
            return this;
        }
        return switch (state) {
            case ACTIVE -> new Lifecycle(VmState.ACTIVE, TaskState.NONE, PowerState.RUNNING);
            case SHUTOFF -> new Lifecycle(VmState.STOPPED, TaskState.NONE, PowerState.SHUTDOWN);
            case PAUSED -> new Lifecycle(vm == VmState.BUILDING ? VmState.ACTIVE : vm, TaskState.NONE,
                    PowerState.PAUSED);
            case ERROR -> new Lifecycle(VmState.ERROR, TaskState.NONE,
                    power == PowerState.NOSTATE ? PowerState.NOSTATE : PowerState.CRASHED);
            case DELETED -> throw new IllegalStateException("handled above");
        };
    }

    // --- user actions ---

    public Lifecycle start(UUID instance) {
        require("start", instance, EnumSet.of(VmState.STOPPED));
        return new Lifecycle(vm, TaskState.POWERING_ON, power);
    }

    public Lifecycle stop(UUID instance) {
        require("stop", instance, EnumSet.of(VmState.ACTIVE, VmState.ERROR));
        return new Lifecycle(vm, TaskState.POWERING_OFF, power);
    }

    public Lifecycle reboot(UUID instance, boolean hard) {
        require("reboot", instance, hard ? EnumSet.of(VmState.ACTIVE, VmState.STOPPED, VmState.ERROR)
                : EnumSet.of(VmState.ACTIVE));
        return new Lifecycle(vm, hard ? TaskState.REBOOTING_HARD : TaskState.REBOOTING, power);
    }

    /** Deleting is allowed in any state but deleted, and again while a delete is under way (it is repeated). */
    public Lifecycle delete(UUID instance) {
        if (vm == VmState.DELETED) {
            throw new InstanceStateConflictException("Instance " + instance + " is already deleted.");
        }
        return new Lifecycle(vm, TaskState.DELETING, power);
    }

    /** Gone: nothing on a host to ask (never scheduled, or the host reported it deleted). */
    public Lifecycle deleted() {
        return new Lifecycle(VmState.DELETED, TaskState.NONE, PowerState.NOSTATE);
    }

    private void require(String action, UUID instance, Set<VmState> allowed) {
        if (task != TaskState.NONE || !allowed.contains(vm)) {
            throw new InstanceStateConflictException("Cannot '" + action + "' instance " + instance
                    + " while it is in vm_state " + vm.wire()
                    + (task == TaskState.NONE ? "" : " and task_state " + task.wire()));
        }
    }
}
