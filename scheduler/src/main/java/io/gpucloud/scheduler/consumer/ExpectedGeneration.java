package io.gpucloud.scheduler.consumer;

/**
 * The consumer generation a writer believes is current (microversion 1.28): a number for an existing
 * consumer, {@code null} for one the writer believes does not exist yet. Before 1.28 nothing is checked.
 */
public record ExpectedGeneration(boolean checked, Integer value) {

    private static final ExpectedGeneration UNCHECKED = new ExpectedGeneration(false, null);

    /** Writers before microversion 1.28 name no generation: last write wins. */
    public static ExpectedGeneration unchecked() {
        return UNCHECKED;
    }

    /** The writer expects the consumer to be new. */
    public static ExpectedGeneration newConsumer() {
        return new ExpectedGeneration(true, null);
    }

    /** The writer expects the consumer to exist at this generation. */
    public static ExpectedGeneration of(int generation) {
        return new ExpectedGeneration(true, generation);
    }

    /** {@code null} (a new consumer) or a number, as the 1.28 body's {@code consumer_generation}. */
    public static ExpectedGeneration ofNullable(Integer generation) {
        return new ExpectedGeneration(true, generation);
    }
}
