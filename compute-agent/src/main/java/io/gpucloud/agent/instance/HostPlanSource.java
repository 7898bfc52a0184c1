package io.gpucloud.agent.instance;

import io.gpucloud.agent.inventory.HostPlan;

/**
 * The host's current plan (what it offers in Placement), kept by registration; builds read it to turn claimed GPU
 * providers into devices. Provide one bean of this type.
 */
@FunctionalInterface
public interface HostPlanSource {

    HostPlan current();

    /** The host's name, which names its command queues; override when it is known without discovering the host. */
    default String host() {
        return current().host();
    }
}
