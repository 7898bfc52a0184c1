package io.gpucloud.agent.instance;

import io.gpucloud.common.messaging.contract.BuildFailed;
import io.gpucloud.common.messaging.contract.InstanceStateChanged;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the handlers report, instead of publishing it. */
final class RecordingEvents implements InstanceEvents {

    final List<InstanceStateChanged> states = new CopyOnWriteArrayList<>();
    final List<BuildFailed> failures = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(InstanceStateChanged event) {
        states.add(event);
    }

    @Override
    public void buildFailed(BuildFailed event) {
        failures.add(event);
    }
}
