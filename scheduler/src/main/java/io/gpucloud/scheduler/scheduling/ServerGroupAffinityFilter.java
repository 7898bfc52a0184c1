package io.gpucloud.scheduler.scheduling;

import io.gpucloud.scheduler.candidate.HostView;

/**
 * A hard {@code affinity} group: once one member is placed, every other member goes to that host. (The
 * first member may go anywhere; members are placed one at a time under the group's lock.)
 */
final class ServerGroupAffinityFilter implements HostFilter {

    @Override
    public String name() {
        return "server group affinity";
    }

    @Override
    public Verdict test(HostView host, SchedulingContext context) {
        boolean hardAffinity = context.request().group().map(g -> g.policy().equals("affinity")).orElse(false);
        if (!hardAffinity || !context.groupHasPlacedMembers() || context.groupMembersOn(host.rootUuid()) > 0) {
            return Verdict.ACCEPT;
        }
        return Verdict.reject("the group's members are on other hosts");
    }
}
