package io.gpucloud.agent.domain;

import java.util.Optional;

/**
 * Who and what a guest is, as the API knows it; written into the domain's metadata only (libvirt never interprets
 * it), so that an operator looking at {@code virsh dumpxml} sees the server's name, project and flavor.
 */
public record GuestLabels(Optional<String> name, Optional<String> projectId, Optional<String> userId,
        String flavorName) {

    public GuestLabels {
        name = name == null ? Optional.empty() : name;
        projectId = projectId == null ? Optional.empty() : projectId;
        userId = userId == null ? Optional.empty() : userId;
        flavorName = flavorName == null ? "" : flavorName;
    }
}
