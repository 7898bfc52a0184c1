package io.gpucloud.scheduler.scheduling;

import io.gpucloud.scheduler.candidate.HostView;
import java.util.UUID;

/** Nova's {@code different_host} hint: not on a host holding any of the named instances. */
final class DifferentHostFilter implements HostFilter {

    @Override
    public String name() {
        return "different_host";
    }

    @Override
    public Verdict test(HostView host, SchedulingContext context) {
        for (UUID instance : context.request().differentHost()) {
            if (host.rootUuid().equals(context.instanceHosts().get(instance))) {
                return Verdict.reject("holds instance " + instance);
            }
        }
        return Verdict.ACCEPT;
    }
}
