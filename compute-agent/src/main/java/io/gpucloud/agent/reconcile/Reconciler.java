package io.gpucloud.agent.reconcile;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.instance.InstanceDriver;
import io.gpucloud.agent.instance.InstanceEvents;
import io.gpucloud.agent.instance.InstanceStatus;
import io.gpucloud.common.messaging.contract.InstanceStateChanged;
import io.gpucloud.common.messaging.contract.InstanceStateChanged.State;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares libvirt's domains with what the control plane says this host holds (the consumers with allocations
 * on its root provider in Placement) and with what the agent last reported, and reports the differences:
 * <ul>
 *   <li>a guest whose state changed outside the agent (shut down from inside, destroyed by hand) → its new state,
 *       e.g. SHUTOFF;</li>
 *   <li>an instance the control plane places here whose domain is gone although the agent built it (its files
 *       exist) → ERROR; one whose build has not arrived yet (no files), is under way (files, no domain yet) or
 *       finished while the pass ran is left alone;</li>
 *   <li>a domain the agent built that the control plane does not know → logged as unknown and, only when
 *       configured ({@code destroy-unknown}), deleted; domains the agent did not build are logged, never
 *       touched.</li>
 * </ul>
 * The first pass after a start reports every guest once, so a restarted agent (or a control plane that missed
 * messages) is brought up to date. Each pass returns what it found, for tests and logs.
 */
public final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /** What one pass reported. */
    public record Report(Map<UUID, State> stateChanges, Set<UUID> vanished, Set<UUID> unknown, Set<UUID> destroyed,
            List<String> foreign) {
    }

    private final String host;
    private final InstanceDriver driver;
    private final InstanceEvents events;
    private final Function<UUID, Optional<Set<UUID>>> controlPlaneInstances;
    private final Predicate<UUID> builtHere;
    private final boolean destroyUnknown;
    private final Clock clock;
    private final ReportedStates reported;
    private final Set<String> foreignSeen = new HashSet<>();
    private final Set<UUID> unknownSeen = new HashSet<>();

    /**
     * @param controlPlaneInstances the instances with allocations on this host's root provider, empty when
     *                              Placement cannot be asked now (ownership checks are then skipped)
     * @param builtHere             whether the agent built the instance on this host (its files exist)
     * @param reported              the states last reported, shared with the command handlers' reporting
     */
    public Reconciler(String host, InstanceDriver driver, InstanceEvents events,
            Function<UUID, Optional<Set<UUID>>> controlPlaneInstances, Predicate<UUID> builtHere,
            boolean destroyUnknown, ReportedStates reported, Clock clock) {
        this.host = requireNonNull(host, "host is null");
        this.driver = requireNonNull(driver, "driver is null");
        this.events = requireNonNull(events, "events is null");
        this.controlPlaneInstances = requireNonNull(controlPlaneInstances, "controlPlaneInstances is null");
        this.builtHere = requireNonNull(builtHere, "builtHere is null");
        this.destroyUnknown = destroyUnknown;
        this.reported = requireNonNull(reported, "reported is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** One pass; {@code rootProvider} is the host's provider in Placement (null before registration). */
    public synchronized Report reconcile(UUID rootProvider) {
        Map<UUID, InstanceStatus> guests = new HashMap<>();
        driver.list().forEach(status -> guests.put(status.uuid(), status));
        Optional<Set<UUID>> owned = rootProvider == null ? Optional.empty() : controlPlaneInstances.apply(rootProvider);

        Map<UUID, State> changes = new HashMap<>();
        Set<UUID> unknown = new HashSet<>();
        Set<UUID> destroyed = new HashSet<>();
        for (InstanceStatus guest : guests.values()) {
            if (owned.isPresent() && !owned.get().contains(guest.uuid())) {
                unknown.add(guest.uuid());
                if (destroyUnknown) {
                    driver.delete(guest.uuid());
                    destroyed.add(guest.uuid());
                    log.warn("Deleted {}: built by this agent but unknown to the control plane "
                            + "(cloud.agent.reconcile.destroy-unknown=true)", guest.domainName());
                    continue;
                }
                if (unknownSeen.add(guest.uuid())) {
                    log.warn("Domain {} was built by this agent but the control plane holds no allocation for it "
                            + "on {}; leaving it alone", guest.domainName(), host);
                }
                continue;
            }
            if (reported.get(guest.uuid()).orElse(null) != guest.state()) {
                report(guest.uuid(), guest.state(), null, guest.domainName());
                changes.put(guest.uuid(), guest.state());
            }
        }
        unknownSeen.retainAll(unknown);

        Set<UUID> vanished = new HashSet<>();
        if (owned.isPresent()) {
            for (UUID instance : owned.get()) {
                if (!guests.containsKey(instance) && builtHere.test(instance)
                        && reported.get(instance).orElse(null) != State.ERROR && stillGone(instance)) {
                    report(instance, State.ERROR, "the guest's domain vanished from host " + host
                            + " (undefined outside the agent)", null);
                    vanished.add(instance);
                }
            }
        }
        // Forget what is neither a guest nor held here any more (deleted), so the map does not grow forever.
        if (owned.isPresent()) {
            Set<UUID> keep = new HashSet<>(guests.keySet());
            keep.addAll(owned.get());
            reported.retain(keep);
        }

        List<String> foreign = driver.foreignDomains();
        for (String name : foreign) {
            if (foreignSeen.add(name)) {
                log.info("Domain {} on {} was not built by this agent; it is not managed or touched", name, host);
            }
        }
        foreignSeen.retainAll(foreign);
        return new Report(changes, vanished, unknown, destroyed, foreign);
    }

    /**
     * Whether the instance's domain is still missing, asked again now that the listing is a moment old: a build
     * under way has its files but no domain yet, one that finished since the listing has its domain now, and one that
     * failed has removed its files again. None of them vanished.
     */
    private boolean stillGone(UUID instance) {
        return !driver.building(instance) && builtHere.test(instance) && driver.inspect(instance).isEmpty();
    }

    private void report(UUID instance, State state, String reason, String domainName) {
        events.stateChanged(new InstanceStateChanged(instance, host, state, reason, domainName, clock.instant()));
        reported.put(instance, state);
        log.info("Reconciliation: instance {} on {} is {}{}", instance, host, state,
                reason == null ? "" : " (" + reason + ")");
    }
}
