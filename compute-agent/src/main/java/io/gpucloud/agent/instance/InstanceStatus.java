package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.messaging.contract.InstanceStateChanged.State;
import java.util.UUID;

/**
 * An instance's guest as libvirt shows it now.
 *
 * @param domainName   {@code instance-<uuid>}
 * @param state        folded into what the API reports
 * @param libvirtState libvirt's own state name (e.g. {@code VIR_DOMAIN_RUNNING}), {@code NONE} when there is no domain
 */
public record InstanceStatus(UUID uuid, String domainName, State state, String libvirtState) {

    public InstanceStatus {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(domainName, "domainName is null");
        requireNonNull(state, "state is null");
        requireNonNull(libvirtState, "libvirtState is null");
    }
}
