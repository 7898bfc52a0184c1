package io.gpucloud.agent;

import static java.util.Objects.requireNonNull;

/** The name of the compute host this agent runs: its root provider's name and the suffix of its queues. */
public record AgentHost(String name) {

    public AgentHost {
        requireNonNull(name, "name is null");
        if (name.isBlank() || name.contains("*") || name.contains("#")) {
            throw new IllegalArgumentException("Invalid host name '" + name + "'");
        }
    }
}
