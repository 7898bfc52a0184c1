package io.gpucloud.common.messaging;

/**
 * Calls the handler with no transaction and no deduplication record: for services without a database
 * (the compute agent), whose handlers are idempotent by the state they act on (a domain that already exists is
 * not defined again), so a redelivery repeats nothing harmful.
 */
final class DirectInvoker implements MessageInvoker {

    @Override
    public Outcome invoke(String consumer, Envelope envelope, MessageHandler handler) {
        handler.handle(envelope);
        return Outcome.HANDLED;
    }
}
