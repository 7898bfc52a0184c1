package io.gpucloud.agent.discovery;

/** Discovery could not read the host: the source is unreachable or answered something it cannot make sense of. */
public class DiscoveryException extends RuntimeException {

    public DiscoveryException(String message) {
        super(message);
    }

    public DiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
