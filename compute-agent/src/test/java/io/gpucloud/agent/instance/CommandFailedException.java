package io.gpucloud.agent.instance;

/** A tool the tests run (qemu-img, isoinfo, ...) could not run, failed or took too long; the message has its output. */
public class CommandFailedException extends RuntimeException {

    public CommandFailedException(String message) {
        super(message);
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
