package io.gpucloud.agent.instance;

/** libvirt refused an action on an instance (or there is no such domain); the reason is for a person. */
public class InstanceOperationException extends RuntimeException {

    public InstanceOperationException(String reason) {
        super(reason);
    }

    public InstanceOperationException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
