package io.gpucloud.scheduler.candidate;

import io.gpucloud.scheduler.candidate.AllocationCandidatesResult.AllocationRequest;

/**
 * What the scheduler worker adds to a Placement query (never reachable over HTTP): hosts to skip before
 * they are searched, and allocation requests to drop, so that with a limit the answer holds only hosts the
 * worker could use instead of ones it would reject afterwards.
 */
public interface CandidateFilter {

    CandidateFilter ACCEPT_ALL = new CandidateFilter() {
    };

    /** Called once per host tree that matched the root traits, before it is searched. */
    default boolean acceptsHost(HostView host) {
        return true;
    }

    /** Called for each allocation request the host offers; false drops it and the search goes on. */
    default boolean accepts(HostView host, AllocationRequest request) {
        return true;
    }
}
