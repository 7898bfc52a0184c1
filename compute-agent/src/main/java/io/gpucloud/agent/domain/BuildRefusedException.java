package io.gpucloud.agent.domain;

/**
 * A build this host will not or cannot do (a GPU that is not its own or is taken, an image it lacks, libvirt
 * refusing the domain), said for a person. Definite: retrying the same message here would fail the same way, so
 * the agent answers BuildFailed and the scheduler tries another host. Whoever throws it has left nothing behind.
 */
public class BuildRefusedException extends RuntimeException {

    public BuildRefusedException(String reason) {
        super(reason);
    }

    public BuildRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public String reason() {
        return getMessage();
    }
}
