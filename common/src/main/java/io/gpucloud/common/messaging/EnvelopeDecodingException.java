package io.gpucloud.common.messaging;

/**
 * A message body that is not a readable envelope: bad JSON, a missing required field or an unknown type.
 * Retrying cannot help, so consumers dead-letter such messages at once.
 */
public class EnvelopeDecodingException extends RuntimeException {

    public EnvelopeDecodingException(String message) {
        super(message);
    }

    public EnvelopeDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
