package io.gpucloud.compute.keypair;

/** A public key (or certificate) that cannot be read; the message says what is wrong with it. */
final class InvalidPublicKeyException extends RuntimeException {

    InvalidPublicKeyException(String message) {
        super(message);
    }
}
