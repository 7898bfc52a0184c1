package io.gpucloud.scheduler.scheduling;

import io.gpucloud.common.messaging.contract.ServerGroupSpec;
import io.gpucloud.scheduler.candidate.HostView;
import java.util.Optional;

/**
 * A hard {@code anti-affinity} group: a host may hold at most {@code max_server_per_host} members (1 unless
 * the group's rule says otherwise).
 */
final class ServerGroupAntiAffinityFilter implements HostFilter {

    @Override
    public String name() {
        return "server group anti-affinity";
    }

    @Override
    public Verdict test(HostView host, SchedulingContext context) {
        Optional<ServerGroupSpec> group = context.request().group().filter(g -> g.policy().equals("anti-affinity"));
        if (group.isEmpty()) {
            return Verdict.ACCEPT;
        }
        int max = group.get().maxServerPerHost() == null ? 1 : Math.max(1, group.get().maxServerPerHost());
        int members = context.groupMembersOn(host.rootUuid());
        return members < max ? Verdict.ACCEPT
                : Verdict.reject("already holds " + members + " member(s) of the group (at most " + max + ")");
    }
}
