package io.gpucloud.scheduler.scheduling;

import io.gpucloud.scheduler.candidate.HostView;

/** Skips hosts where a build of this instance already failed, so a retry goes elsewhere. */
final class RetryFilter implements HostFilter {

    @Override
    public String name() {
        return "already tried";
    }

    @Override
    public Verdict test(HostView host, SchedulingContext context) {
        return context.triedHosts().contains(host.rootUuid())
                ? Verdict.reject("a build of this instance already failed there")
                : Verdict.ACCEPT;
    }
}
