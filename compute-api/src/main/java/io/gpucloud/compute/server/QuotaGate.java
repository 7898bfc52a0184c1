package io.gpucloud.compute.server;

/**
 * Per-project limits on what servers may hold. {@link #reserve} runs in the create's transaction and serialises
 * the project's creates, counting live instances (a deleted one frees its share), so concurrent creates never
 * exceed a limit together.
 */
public interface QuotaGate {

    /**
     * Counts {@code count} more servers of the flavor against the project.
     *
     * @throws io.gpucloud.common.api.ApiException 403 naming the limit and by how much it would be exceeded
     */
    void reserve(String projectId, FlavorSnapshot flavor, int count);
}
