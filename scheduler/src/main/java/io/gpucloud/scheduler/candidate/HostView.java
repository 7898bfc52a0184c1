package io.gpucloud.scheduler.candidate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A read-only look at one host (a provider tree) as the index holds it, for the scheduler's filters and
 * weighers: which providers it has, their traits and aggregates, and what each inventory has free now.
 */
public interface HostView {

    UUID rootUuid();

    /** The root first, then its descendants, parents before children. */
    List<ProviderView> providers();

    default ProviderView root() {
        return providers().get(0);
    }

    /**
     * One provider of the host.
     *
     * @param name the provider's name as the index last read it (a rename reloads the tree): a compute host's root
     *     is named after the host, which is also its agent's queue
     * @param resources resource class name to its capacity and use
     */
    record ProviderView(UUID uuid, String name, UUID parentUuid, Set<String> traits, Set<UUID> aggregates,
            Map<String, Capacity> resources) {

        /** Whether one request group could take {@code amount} of the class here now (unit rules and free capacity). */
        public boolean fits(String resourceClass, int amount) {
            Capacity capacity = resources.get(resourceClass);
            return capacity != null && capacity.fits(amount);
        }

        public long free(String resourceClass) {
            Capacity capacity = resources.get(resourceClass);
            return capacity == null ? 0 : capacity.free();
        }
    }

    /** Placement's capacity ({@code (total - reserved) * allocation_ratio}), what is used, and the unit rules. */
    record Capacity(long capacity, long used, int minUnit, int maxUnit, int stepSize) {

        public long free() {
            return Math.max(0, capacity - used);
        }

        public boolean fits(int amount) {
            return amount >= minUnit && amount <= maxUnit && amount % stepSize == 0 && used + amount <= capacity;
        }
    }
}
