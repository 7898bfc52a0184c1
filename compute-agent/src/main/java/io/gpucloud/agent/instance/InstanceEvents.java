package io.gpucloud.agent.instance;

import io.gpucloud.common.messaging.contract.BuildFailed;
import io.gpucloud.common.messaging.contract.InstanceStateChanged;

/**
 * Where the agent's command handlers report to; {@link PublishingInstanceEvents} publishes on {@code cloud.events},
 * tests collect. An implementation throws when it could not deliver, so the command is retried.
 */
public interface InstanceEvents {

    void stateChanged(InstanceStateChanged event);

    void buildFailed(BuildFailed event);
}
