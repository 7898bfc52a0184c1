package io.gpucloud.scheduler.api;

/**
 * Placement's error codes, sent in {@code errors[].code} from microversion 1.23. Never rename or reuse one:
 * clients match on them.
 */
public enum PlacementErrorCode {

    /** A provider or consumer generation did not match: someone else changed it first; reload and retry. */
    CONCURRENT_UPDATE("placement.concurrent_update"),
    /** A duplicate name or uuid. */
    DUPLICATE_NAME("placement.duplicate_name"),
    /** An inventory change would leave existing allocations above capacity. */
    INVENTORY_IN_USE("placement.inventory.inuse"),
    /** The provider still has allocations or children. */
    RESOURCE_PROVIDER_IN_USE("placement.resource_provider.inuse"),
    /** The provider still has child providers, which must be deleted (or moved) first. */
    RESOURCE_PROVIDER_CANNOT_DELETE_PARENT("placement.resource_provider.cannot_delete_parent"),
    /** A query parameter was given twice where only one is allowed. */
    QUERY_DUPLICATE_KEY("placement.query.duplicate_key"),
    /** A query parameter's value is malformed. */
    QUERY_BAD_VALUE("placement.query.bad_value"),
    /** A query parameter that is not allowed here or at this microversion. */
    QUERY_UNKNOWN_KEY("placement.query.unknown_key"),
    /** Anything without a more specific code. */
    UNDEFINED("placement.undefined_code");

    private final String code;

    PlacementErrorCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
