package io.gpucloud.common.messaging.contract;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * Do something to an instance that exists on this host. Sent by compute-api on {@code cloud.commands} with
 * routing key {@link #routingKey(String) compute.<host>.action}; the agent answers with
 * {@link InstanceStateChanged}. Every action is idempotent: starting a running guest reports ACTIVE again,
 * deleting a guest that is gone reports DELETED.
 *
 * <p>Version history: 1: all fields below.
 */
@MessageContract(type = "InstanceAction", version = 1)
public record InstanceAction(UUID instanceUuid, String host, Action action) implements MessagePayload {

    public enum Action {
        START,
        /** Graceful shutdown first (ACPI), then power off if the guest does not stop in time. */
        STOP,
        /** ACPI reboot (Nova's SOFT reboot). */
        REBOOT_SOFT,
        /** Reset, like pressing the reset button (Nova's HARD reboot). */
        REBOOT_HARD,
        /** Destroy the domain, undefine it and remove its storage. */
        DELETE
    }

    public InstanceAction {
        requireNonNull(instanceUuid, "instanceUuid is null");
        requireNonNull(host, "host is null");
        requireNonNull(action, "action is null");
    }

    public static String routingKey(String host) {
        return "compute." + host + ".action";
    }
}
