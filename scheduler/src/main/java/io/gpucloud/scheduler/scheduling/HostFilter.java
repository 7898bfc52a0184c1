package io.gpucloud.scheduler.scheduling;

import io.gpucloud.scheduler.candidate.HostView;

/**
 * One rule a host must pass, applied to each host Placement says has room before it is searched, so a
 * limited candidate query is filled with usable hosts only. Filters are cheap and side-effect free; the
 * rejections are counted per filter to explain an empty answer.
 */
interface HostFilter {

    /** A short name used in counts and reasons, e.g. "server group anti-affinity". */
    String name();

    Verdict test(HostView host, SchedulingContext context);
}
