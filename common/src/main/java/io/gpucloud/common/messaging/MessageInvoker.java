package io.gpucloud.common.messaging;

/** How a consumer runs its handler for one delivery: deduplicated in a transaction, or directly. */
interface MessageInvoker {

    enum Outcome {
        HANDLED,
        /** Already handled by an earlier delivery; the handler was not called. */
        DUPLICATE
    }

    /** Handles the envelope (unless a deduplicating invoker knows it was handled); exceptions propagate. */
    Outcome invoke(String consumer, Envelope envelope, MessageHandler handler);
}
