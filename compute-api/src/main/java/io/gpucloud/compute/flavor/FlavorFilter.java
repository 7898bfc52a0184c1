package io.gpucloud.compute.flavor;

/**
 * Which flavors a listing returns, as Nova reads {@code is_public}, {@code minRam} and {@code minDisk}.
 *
 * @param isPublic TRUE: public flavors plus the private ones {@code projectId} has access to; FALSE: private ones
 *     only; null: all
 * @param projectId the caller's project, or null
 * @param includeDisabled false for non-admins, who never see disabled flavors in a listing
 * @param minRamMb null for no lower bound
 * @param minDiskGb null for no lower bound
 */
record FlavorFilter(Boolean isPublic, String projectId, boolean includeDisabled, Integer minRamMb, Integer minDiskGb) {
}
