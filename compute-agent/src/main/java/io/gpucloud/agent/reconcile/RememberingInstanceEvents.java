package io.gpucloud.agent.reconcile;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.instance.InstanceEvents;
import io.gpucloud.common.messaging.contract.BuildFailed;
import io.gpucloud.common.messaging.contract.InstanceStateChanged;

/** Reports through {@code delegate} and, once delivered, remembers the state for reconciliation. */
public final class RememberingInstanceEvents implements InstanceEvents {

    private final InstanceEvents delegate;
    private final ReportedStates reported;

    public RememberingInstanceEvents(InstanceEvents delegate, ReportedStates reported) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.reported = requireNonNull(reported, "reported is null");
    }

    @Override
    public void stateChanged(InstanceStateChanged event) {
        delegate.stateChanged(event);
        reported.put(event.instanceUuid(), event.state());
    }

    @Override
    public void buildFailed(BuildFailed event) {
        delegate.buildFailed(event);
    }
}
