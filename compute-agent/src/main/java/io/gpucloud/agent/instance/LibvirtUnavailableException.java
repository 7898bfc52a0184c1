package io.gpucloud.agent.instance;

/**
 * libvirt could not be reached, or the connection broke mid-call: nothing is known to be wrong with the request, so
 * the message handler throws it and the message is retried.
 */
public class LibvirtUnavailableException extends RuntimeException {

    public LibvirtUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
