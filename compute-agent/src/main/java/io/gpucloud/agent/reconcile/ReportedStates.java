package io.gpucloud.agent.reconcile;

import io.gpucloud.common.messaging.contract.InstanceStateChanged.State;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state last reported for each guest, by the command handlers or by reconciliation, so that reconciliation
 * reports only what changed since. In memory only: after a restart everything is reported once again.
 */
public final class ReportedStates {

    private final Map<UUID, State> states = new ConcurrentHashMap<>();

    public Optional<State> get(UUID instance) {
        return Optional.ofNullable(states.get(instance));
    }

    public void put(UUID instance, State state) {
        if (state == State.DELETED) {
            states.remove(instance);
        }
        else {
            states.put(instance, state);
        }
    }

    /** Keeps only these instances. */
    public void retain(Set<UUID> instances) {
        states.keySet().retainAll(instances);
    }
}
