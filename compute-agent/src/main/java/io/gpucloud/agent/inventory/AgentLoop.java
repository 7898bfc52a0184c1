package io.gpucloud.agent.inventory;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The agent's timers: an inventory sync at start and every {@code inventory-interval} (sooner again after a
 * failure, e.g. while Placement is still starting), and a heartbeat as soon as the first sync succeeded (and after a
 * sync that follows failures), then every {@code heartbeat-interval}. One thread
 * per agent, so several simulated agents in one JVM keep out of each other's way.
 */
public final class AgentLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AgentLoop.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(3);

    private final HostReporter reporter;
    private final Duration inventoryInterval;
    private final Duration heartbeatInterval;
    private final Runnable reconcile;
    private final Duration reconcileInterval;
    private ScheduledExecutorService timers; // guarded by this
    private volatile String lastFailure;
    private boolean reconciling; // only touched on the timer thread

    /**
     * @param reconcile         compares guests with the control plane; first run right after the first successful
     *                          inventory sync, then every {@code reconcileInterval}
     */
    public AgentLoop(HostReporter reporter, Duration inventoryInterval, Duration heartbeatInterval, Runnable reconcile,
            Duration reconcileInterval) {
        this.reporter = requireNonNull(reporter, "reporter is null");
        this.inventoryInterval = requireNonNull(inventoryInterval, "inventoryInterval is null");
        this.heartbeatInterval = requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        this.reconcile = requireNonNull(reconcile, "reconcile is null");
        this.reconcileInterval = requireNonNull(reconcileInterval, "reconcileInterval is null");
    }

    @Override
    public synchronized void start() {
        timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "agent-" + reporter.host());
            thread.setDaemon(true);
            return thread;
        });
        timers.execute(this::syncInventory);
        timers.scheduleWithFixedDelay(this::heartbeat, heartbeatInterval.toMillis(), heartbeatInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void syncInventory() {
        Duration next = inventoryInterval;
        try {
            reporter.reportInventory();
            boolean first = !reconciling;
            if (first) {
                reconciling = true;
                timers.execute(this::reconcile);
            }
            boolean recovered = lastFailure != null;
            if (recovered) {
                log.info("Inventory of host {} synced again", reporter.host());
                lastFailure = null;
            }
            if (first || recovered) {
                // At once rather than a heartbeat interval later: a scheduler that marked this host down while
                // it was away (a restart) schedules to it again from this heartbeat on.
                heartbeat();
            }
        }
        catch (RuntimeException e) {
            next = RETRY_AFTER_FAILURE.compareTo(inventoryInterval) < 0 ? RETRY_AFTER_FAILURE : inventoryInterval;
            // Say it once per kind of failure, not every few seconds while Placement starts.
            if (!e.toString().equals(lastFailure)) {
                log.warn("Inventory sync of host {} failed; retrying every {} s: {}", reporter.host(),
                        next.toSeconds(), e.toString());
            }
            lastFailure = e.toString();
            reporter.forceFullSync();
        }
        schedule(this::syncInventory, next);
    }

    private void reconcile() {
        try {
            reconcile.run();
        }
        catch (RuntimeException e) {
            log.warn("Reconciliation on host {} failed; trying again in {} s: {}", reporter.host(),
                    reconcileInterval.toSeconds(), e.toString());
        }
        schedule(this::reconcile, reconcileInterval);
    }

    private void heartbeat() {
        try {
            reporter.heartbeat();
        }
        catch (RuntimeException e) {
            log.warn("Heartbeat of host {} not sent: {}", reporter.host(), e.toString());
        }
    }

    private synchronized void schedule(Runnable task, Duration delay) {
        if (timers != null && !timers.isShutdown()) {
            timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (timers != null) {
            timers.shutdownNow();
            timers = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timers != null;
    }
}
