package io.gpucloud.agent.host;

/** How the host's logical CPUs are built: sockets × cores per socket × threads per core. */
public record CpuTopology(int sockets, int coresPerSocket, int threadsPerCore) {

    public CpuTopology {
        if (sockets < 1 || coresPerSocket < 1 || threadsPerCore < 1) {
            throw new IllegalArgumentException("CPU topology must be positive: " + sockets + " sockets, "
                    + coresPerSocket + " cores, " + threadsPerCore + " threads");
        }
    }

    /** Logical CPUs if every one of them is online. */
    public int logicalCpus() {
        return sockets * coresPerSocket * threadsPerCore;
    }
}
