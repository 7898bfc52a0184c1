package io.gpucloud.scheduler.consumer;

import static java.util.Objects.requireNonNull;

import io.gpucloud.scheduler.api.PlacementErrorCode;
import io.gpucloud.scheduler.api.PlacementException;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consumer records as allocation writes need them: created with the first allocation, checked against
 * the generation the writer read, locked for the rest of the write, and removed with the last allocation.
 */
@Component
public class Consumers {

    private final ConsumerRepository consumers;

    public Consumers(ConsumerRepository consumers) {
        this.consumers = requireNonNull(consumers, "consumers is null");
    }

    public Optional<Consumer> find(UUID uuid) {
        return consumers.find(uuid);
    }

    /**
     * Locks the consumer's row (creating it if it is new), checks the writer's expected generation and
     * records the owner and type it names.
     *
     * @throws PlacementException 409 {@code placement.concurrent_update} when the generation does not match
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Consumer lockForWrite(ConsumerOwner owner, ExpectedGeneration expected) {
        return lock(owner, expected).consumer();
    }

    /**
     * A consumer locked for a write, as {@link #lockForWrite} leaves it.
     *
     * @param created whether this transaction created it (it then holds no allocations yet)
     */
    public record Locked(Consumer consumer, boolean created) {
    }

    /**
     * {@link #lockForWrite}, telling whether the consumer was created. A writer that expects a new consumer
     * (generation null, the scheduler's claim) tries the insert first: one round trip when it is new, which
     * its inserted row keeps locked; when it exists the insert does nothing and the lock-and-check follows.
     *
     * @throws PlacementException 409 {@code placement.concurrent_update} when the generation does not match
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Locked lock(ConsumerOwner owner, ExpectedGeneration expected) {
        if (expected.checked() && expected.value() == null
                && consumers.insertIfAbsent(owner.uuid(), owner.projectId(), owner.userId(), owner.consumerType())) {
            return new Locked(new Consumer(owner.uuid(), owner.projectId(), owner.userId(), owner.consumerType(), 0),
                    true);
        }
        Optional<Consumer> existing = consumers.findForUpdate(owner.uuid());
        if (existing.isEmpty()) {
            requireGeneration(expected, null);
            if (consumers.insertIfAbsent(owner.uuid(), owner.projectId(), owner.userId(), owner.consumerType())) {
                return new Locked(new Consumer(owner.uuid(), owner.projectId(), owner.userId(), owner.consumerType(),
                        0), true);
            }
            // Another writer created it between our look and our insert, and has committed since.
            existing = consumers.findForUpdate(owner.uuid());
            if (existing.isEmpty()) {
                throw PlacementException.concurrentUpdate("Consumer " + owner.uuid());
            }
        }
        Consumer consumer = existing.get();
        requireGeneration(expected, consumer.generation());
        String type = owner.consumerType() != null ? owner.consumerType() : consumer.consumerType();
        if (!consumer.projectId().equals(owner.projectId()) || !consumer.userId().equals(owner.userId())
                || !Objects.equals(consumer.consumerType(), type)) {
            consumers.updateOwner(owner.uuid(), owner.projectId(), owner.userId(), type);
        }
        return new Locked(new Consumer(owner.uuid(), owner.projectId(), owner.userId(), type, consumer.generation()),
                false);
    }

    /** Locks an existing consumer's row for the rest of the transaction (e.g. to delete its allocations). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Consumer> lockExisting(UUID uuid) {
        return consumers.findForUpdate(uuid);
    }

    /**
     * Ends a write of the consumer's allocations: its generation moves on, or, when it holds nothing any
     * more, the consumer is removed (a later writer creates it afresh, expecting generation null).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void finishWrite(UUID uuid) {
        if (!consumers.deleteIfWithoutAllocations(uuid)) {
            consumers.incrementGeneration(uuid);
        }
    }

    /**
     * {@link #finishWrite} for many consumers whose outcome the writer knows: those that hold allocations now
     * move on one generation, those left with none are removed; one statement each.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void finishWrites(Collection<UUID> holding, Collection<UUID> emptied) {
        if (!holding.isEmpty()) {
            consumers.incrementGenerations(holding);
        }
        emptied.forEach(this::finishWrite);
    }

    private static void requireGeneration(ExpectedGeneration expected, Integer actual) {
        if (expected.checked() && !Objects.equals(expected.value(), actual)) {
            throw new PlacementException(409, PlacementErrorCode.CONCURRENT_UPDATE,
                    "consumer generation conflict - expected " + (actual == null ? "null" : actual)
                            + " but got " + (expected.value() == null ? "null" : expected.value()));
        }
    }
}
