package io.gpucloud.common.messaging;

import org.springframework.amqp.AmqpException;

/** The broker did not confirm a publish (nack, timeout, closed channel), so the message may not be stored. */
public class PublishNotConfirmedException extends AmqpException {

    public PublishNotConfirmedException(String message) {
        super(message);
    }

    public PublishNotConfirmedException(String message, Throwable cause) {
        super(message, cause);
    }
}
