package io.gpucloud.scheduler.scheduling;

import io.gpucloud.scheduler.candidate.HostView;
import java.util.UUID;

/** Nova's {@code same_host} hint: on a host holding at least one of the named instances. */
final class SameHostFilter implements HostFilter {

    @Override
    public String name() {
        return "same_host";
    }

    @Override
    public Verdict test(HostView host, SchedulingContext context) {
        if (context.request().sameHost().isEmpty()) {
            return Verdict.ACCEPT;
        }
        for (UUID instance : context.request().sameHost()) {
            if (host.rootUuid().equals(context.instanceHosts().get(instance))) {
                return Verdict.ACCEPT;
            }
        }
        return Verdict.reject("holds none of " + context.request().sameHost());
    }
}
