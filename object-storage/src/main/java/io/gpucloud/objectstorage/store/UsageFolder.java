package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Folds the usage deltas that object writes append (migration V4) into their containers' rows, so that the
 * deltas a count has to add up stay few. Counts are exact with or without it; it only keeps reads cheap.
 * Every replica may run it at the same time (a delta is moved by one of them only).
 */
@Component
public class UsageFolder {

    private static final Logger log = LoggerFactory.getLogger(UsageFolder.class);

    private final ContainerRepository containers;

    UsageFolder(ContainerRepository containers) {
        this.containers = requireNonNull(containers, "containers is null");
    }

    @Scheduled(initialDelayString = "${cloud.object.usage-fold-interval:PT5S}",
            fixedDelayString = "${cloud.object.usage-fold-interval:PT5S}")
    void scheduled() {
        try {
            fold();
        } catch (RuntimeException e) {
            log.warn("Folding container usage failed; it runs again later", e);
        }
    }

    /** Moves every pending delta into its container's row; returns how many moved. */
    public long fold() {
        return containers.foldUsage();
    }
}
