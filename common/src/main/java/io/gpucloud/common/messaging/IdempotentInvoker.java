package io.gpucloud.common.messaging;

import static java.util.Objects.requireNonNull;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a handler at most once per (consumer, message id): the id is recorded in {@code processed_message}
 * in the same transaction as the handler's work, so it is recorded exactly when that work committed.
 */
final class IdempotentInvoker implements MessageInvoker {

    private final TransactionTemplate transactions;
    private final ProcessedMessages processedMessages;

    IdempotentInvoker(TransactionTemplate transactions, ProcessedMessages processedMessages) {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.processedMessages = requireNonNull(processedMessages, "processedMessages is null");
    }

    /** Handles the envelope unless the consumer already did; the handler's exceptions roll back and propagate. */
    @Override
    public Outcome invoke(String consumer, Envelope envelope, MessageHandler handler) {
        Outcome outcome = transactions.execute(status -> {
            if (!processedMessages.markProcessed(consumer, envelope.id(), envelope.type())) {
                return Outcome.DUPLICATE;
            }
            handler.handle(envelope);
            return Outcome.HANDLED;
        });
        return requireNonNull(outcome, "transaction returned no outcome");
    }
}
