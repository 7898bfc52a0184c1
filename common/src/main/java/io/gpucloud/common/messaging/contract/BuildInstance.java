package io.gpucloud.common.messaging.contract;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Build an instance on this host with resources the scheduler has already claimed. Sent by the scheduler on
 * {@code cloud.commands} with routing key {@link #routingKey(String) compute.<host>.build}. The agent answers
 * with the instance's state, or {@link BuildFailed}, after which the scheduler tries another host.
 *
 * <p>Version history: 1: all fields below.
 *
 * @param host         the host's name (its root resource provider's name)
 * @param attempt      1 for the first host, 2 for the first retry, ...
 * @param allocations  provider uuid → resource class → amount, exactly as claimed in Placement
 * @param gpus         the GPU providers of the claim, so the agent knows which devices to pass through
 * @param alternates   other hosts that fitted when this one was chosen, best first (not claimed)
 */
@MessageContract(type = "BuildInstance", version = 1)
public record BuildInstance(UUID instanceUuid, String projectId, String userId, String host, UUID hostProvider,
        int attempt, Map<UUID, Map<String, Integer>> allocations, List<ClaimedGpu> gpus, FlavorSpec flavor,
        Map<String, String> imageProperties, BuildSpec build, List<Alternate> alternates) implements MessagePayload {

    public BuildInstance {
        requireNonNull(instanceUuid, "instanceUuid is null");
        requireNonNull(host, "host is null");
        requireNonNull(hostProvider, "hostProvider is null");
        allocations = Map.copyOf(allocations);
        gpus = List.copyOf(gpus);
        imageProperties = imageProperties == null ? Map.of() : Map.copyOf(imageProperties);
        alternates = alternates == null ? List.of() : List.copyOf(alternates);
    }

    public static String routingKey(String host) {
        return "compute." + host + ".build";
    }

    /**
     * One GPU (or slice) of the claim.
     *
     * @param providerName the GPU provider's name, which the agent derives from the PCI address when it registers
     */
    public record ClaimedGpu(UUID provider, String providerName, String resourceClass, int amount, Set<String> traits) {

        public ClaimedGpu {
            requireNonNull(provider, "provider is null");
            traits = traits == null ? Set.of() : Set.copyOf(traits);
        }
    }

    /** A host that could have taken the instance too, and the allocation it would have had there. */
    public record Alternate(String host, UUID hostProvider, Map<UUID, Map<String, Integer>> allocations) {

        public Alternate {
            allocations = Map.copyOf(allocations);
        }
    }
}
