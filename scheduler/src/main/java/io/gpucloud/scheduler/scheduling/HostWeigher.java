package io.gpucloud.scheduler.scheduling;

/**
 * Scores candidate hosts. As in Nova, each weigher's raw scores are scaled to 0..1 across the candidates of
 * one request and multiplied by its multiplier, and the sums rank the hosts: a weigher only expresses a
 * preference, and its multiplier (negative to invert it) says how much it counts.
 */
interface HostWeigher {

    String name();

    double multiplier();

    double raw(Candidate candidate, SchedulingContext context);
}
