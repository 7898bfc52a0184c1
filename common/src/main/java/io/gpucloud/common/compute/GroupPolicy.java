package io.gpucloud.common.compute;

import java.util.Optional;

/**
 * How Placement may spread numbered request groups over providers (the {@code group_policy} extra spec and query
 * parameter). Placement requires one as soon as a request has more than one numbered group.
 */
public enum GroupPolicy {
    /** Numbered groups may be satisfied by the same provider. */
    NONE("none"),
    /** Every numbered group must be satisfied by a different provider. */
    ISOLATE("isolate");

    private final String wireValue;

    GroupPolicy(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as written in extra specs and in Placement's query string. */
    public String wireValue() {
        return wireValue;
    }

    /** The policy spelled exactly {@code value}; values are case-sensitive, as in Nova and Placement. */
    public static Optional<GroupPolicy> fromWireValue(String value) {
        for (GroupPolicy policy : values()) {
            if (policy.wireValue.equals(value)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
