package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.domain.GuestSpec;
import io.gpucloud.common.messaging.Envelope;
import io.gpucloud.common.messaging.MessageHandler;
import io.gpucloud.common.messaging.contract.InstanceAction;
import io.gpucloud.common.messaging.contract.InstanceStateChanged;
import io.gpucloud.common.messaging.contract.InstanceStateChanged.State;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles {@code compute.<host>.action}: does the action and reports the guest's state afterwards (DELETED after a
 * delete), or ERROR with libvirt's reason when libvirt refused. A lost libvirt connection propagates, so the command
 * is retried; every action is idempotent.
 */
public final class InstanceActionHandler implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(InstanceActionHandler.class);

    private final InstanceDriver driver;
    private final InstanceEvents events;
    private final Clock clock;

    public InstanceActionHandler(InstanceDriver driver, InstanceEvents events, Clock clock) {
        this.driver = requireNonNull(driver, "driver is null");
        this.events = requireNonNull(events, "events is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void handle(Envelope envelope) {
        InstanceAction action = envelope.payload(InstanceAction.class);
        InstanceStatus status;
        try {
            status = switch (action.action()) {
                case START -> driver.start(action.instanceUuid());
                case STOP -> driver.stop(action.instanceUuid());
                case REBOOT_SOFT -> driver.rebootSoft(action.instanceUuid());
                case REBOOT_HARD -> driver.rebootHard(action.instanceUuid());
                case DELETE -> driver.delete(action.instanceUuid());
            };
        } catch (InstanceOperationException refused) {
            log.warn("{} of instance {} failed: {}", action.action(), action.instanceUuid(), refused.getMessage());
            events.stateChanged(new InstanceStateChanged(action.instanceUuid(), action.host(), State.ERROR,
                    refused.getMessage(), GuestSpec.domainName(action.instanceUuid()), clock.instant()));
            return;
        }
        events.stateChanged(new InstanceStateChanged(action.instanceUuid(), action.host(), status.state(), null,
                status.state() == State.DELETED ? null : status.domainName(), clock.instant()));
    }
}
