package io.gpucloud.scheduler.scheduling;

/** A request the scheduler cannot act on whatever the hosts (bad extra spec, malformed hint). */
final class InvalidSchedulingRequestException extends RuntimeException {

    InvalidSchedulingRequestException(String message, Throwable cause) {
        super(message, cause);
    }

    InvalidSchedulingRequestException(String message) {
        super(message);
    }
}
