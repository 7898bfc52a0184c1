package io.gpucloud.common.placement;

/** Placement answered with an error, or could not be reached. */
public class PlacementException extends RuntimeException {

    private final int status;
    private final String code;

    public PlacementException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status, or 0 when Placement could not be reached. */
    public int status() {
        return status;
    }

    /** Placement's error code, e.g. {@code placement.concurrent_update}; null when the answer had none. */
    public String code() {
        return code;
    }

    /** Someone else wrote the provider since we read its generation: read again and retry. */
    public boolean isConcurrentUpdate() {
        return status == 409 && "placement.concurrent_update".equals(code);
    }

    /** The inventory still has allocations against it. */
    public boolean isInventoryInUse() {
        return status == 409 && "placement.inventory.inuse".equals(code);
    }
}
