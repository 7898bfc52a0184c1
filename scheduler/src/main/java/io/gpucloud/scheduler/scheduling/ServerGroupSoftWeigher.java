package io.gpucloud.scheduler.scheduling;

/** Nova's soft policies: soft-affinity prefers hosts with more members of the group, soft-anti-affinity fewer. */
final class ServerGroupSoftWeigher implements HostWeigher {

    private final double multiplier;

    ServerGroupSoftWeigher(double multiplier) {
        this.multiplier = multiplier;
    }

    @Override
    public String name() {
        return "server group soft policy";
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public double raw(Candidate candidate, SchedulingContext context) {
        String policy = context.request().group().map(g -> g.policy()).orElse("");
        int members = context.groupMembersOn(candidate.hostUuid());
        return switch (policy) {
            case "soft-affinity" -> members;
            case "soft-anti-affinity" -> -members;
            default -> 0;
        };
    }
}
