package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.domain.BuildRefusedException;
import io.gpucloud.common.messaging.Envelope;
import io.gpucloud.common.messaging.MessageHandler;
import io.gpucloud.common.messaging.contract.BuildFailed;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.InstanceStateChanged;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles {@code compute.<host>.build}: builds the guest and reports its state (ACTIVE), or reports
 * {@link BuildFailed} when this host refuses (the scheduler then tries another host; nothing was left here).
 * A lost libvirt connection propagates, so the command is retried; a redelivery of a build that got through
 * reports the state again.
 */
public final class BuildInstanceHandler implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(BuildInstanceHandler.class);

    private final InstanceDriver driver;
    private final HostPlanSource plans;
    private final InstanceEvents events;
    private final Clock clock;

    public BuildInstanceHandler(InstanceDriver driver, HostPlanSource plans, InstanceEvents events, Clock clock) {
        this.driver = requireNonNull(driver, "driver is null");
        this.plans = requireNonNull(plans, "plans is null");
        this.events = requireNonNull(events, "events is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void handle(Envelope envelope) {
        BuildInstance build = envelope.payload(BuildInstance.class);
        InstanceStatus status;
        try {
            status = driver.build(build, plans.current());
        } catch (BuildRefusedException | InstanceOperationException refused) {
            log.warn("Build of instance {} (attempt {}) refused: {}", build.instanceUuid(), build.attempt(),
                    refused.getMessage());
            events.buildFailed(new BuildFailed(build.instanceUuid(), build.host(), build.attempt(),
                    refused.getMessage()));
            return;
        }
        events.stateChanged(new InstanceStateChanged(build.instanceUuid(), build.host(), status.state(), null,
                status.domainName(), clock.instant()));
    }
}
