package io.gpucloud.scheduler.usage;

import static java.util.Objects.requireNonNull;

import io.gpucloud.scheduler.usage.UsageRepository.ConsumerCount;
import io.gpucloud.scheduler.usage.UsageRepository.TypeGrouping;
import io.gpucloud.scheduler.usage.UsageRepository.UsageRow;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** A project's (or user's) usage, summed and counted from one snapshot. */
@Service
public class UsageService {

    /** Sums by (group, class) and consumer counts by group; counts are empty when not grouping by type. */
    public record ProjectUsage(List<UsageRow> sums, List<ConsumerCount> consumerCounts) {
    }

    private final UsageRepository usages;

    public UsageService(UsageRepository usages) {
        this.usages = requireNonNull(usages, "usages is null");
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ProjectUsage find(String projectId, Optional<String> userId, TypeGrouping grouping,
            Optional<String> consumerType) {
        List<UsageRow> sums = usages.sumByClass(projectId, userId, grouping, consumerType);
        List<ConsumerCount> counts = grouping == TypeGrouping.NONE ? List.of()
                : usages.countConsumers(projectId, userId, grouping, consumerType);
        return new ProjectUsage(sums, counts);
    }
}
