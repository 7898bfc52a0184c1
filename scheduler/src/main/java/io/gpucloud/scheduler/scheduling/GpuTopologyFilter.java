package io.gpucloud.scheduler.scheduling;

import io.gpucloud.common.compute.GpuTopology;
import io.gpucloud.scheduler.candidate.HostView;

/**
 * The instance's GPUs fit together on this host as its flavor's {@code gpu:topology} asks: on one NVLink
 * domain, on one NUMA node, or anywhere. Runs last: it is the costliest.
 */
final class GpuTopologyFilter implements HostFilter {

    private final GpuPicker picker;

    GpuTopologyFilter(GpuPicker picker) {
        this.picker = picker;
    }

    @Override
    public String name() {
        return "GPU topology";
    }

    @Override
    public Verdict test(HostView host, SchedulingContext context) {
        if (context.request().resources().gpuGroupSuffixes().isEmpty()) {
            return Verdict.ACCEPT;
        }
        if (picker.pick(host, context.request().resources()).isPresent()) {
            return Verdict.ACCEPT;
        }
        GpuTopology topology = context.request().resources().gpuTopology();
        return Verdict.reject(topology == GpuTopology.ANY ? "not enough free GPUs of the kind asked for"
                : "no " + Describe.topology(topology) + " with enough free GPUs");
    }
}
