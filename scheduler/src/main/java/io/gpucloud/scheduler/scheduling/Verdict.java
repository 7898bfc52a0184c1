package io.gpucloud.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

/** A filter's answer for one host: accepted, or rejected for a reason a person can read. */
sealed interface Verdict {

    Verdict ACCEPT = new Accept();

    static Verdict reject(String reason) {
        return new Reject(reason);
    }

    default boolean accepted() {
        return this instanceof Accept;
    }

    record Accept() implements Verdict {
    }

    /** @param reason e.g. "already holds 1 member of anti-affinity group 7f1c…" */
    record Reject(String reason) implements Verdict {
        public Reject {
            requireNonNull(reason, "reason is null");
        }
    }
}
