package io.gpucloud.compute.server;

/** An action the instance's current state does not allow (Nova's 409 "Cannot 'x' instance … while it is in …"). */
public class InstanceStateConflictException extends RuntimeException {

    public InstanceStateConflictException(String message) {
        super(message);
    }
}
