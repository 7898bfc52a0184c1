package io.gpucloud.scheduler.usage;

import io.gpucloud.scheduler.usage.UsageRepository.ConsumerCount;
import io.gpucloud.scheduler.usage.UsageRepository.UsageRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** The JSON of {@code GET /usages}. */
final class UsageViews {

    private UsageViews() {
    }

    /** Before 1.38: {@code {"usages": {"VCPU": 4, "PGPU": 1}}}. */
    static Map<String, Object> total(List<UsageRow> rows, IntFunction<String> className) {
        Map<String, Object> usages = new LinkedHashMap<>();
        rows.forEach(row -> usages.put(className.apply(row.resourceClassId()), row.used()));
        return Map.of("usages", usages);
    }

    /**
     * From 1.38, grouped by consumer type, each group with its number of consumers:
     * <pre>
     * {"usages": {"INSTANCE": {"consumer_count": 2, "VCPU": 4, "PGPU": 1},
     *             "unknown":  {"consumer_count": 1, "VCPU": 2}}}
     * </pre>
     * With {@code consumer_type=all} there is one group, "all"; with {@code consumer_type=unknown}, one group
     * of the consumers written without a type.
     */
    static Map<String, Object> byConsumerType(List<UsageRow> rows, List<ConsumerCount> counts,
            IntFunction<String> className) {
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        counts.forEach(count -> groups.computeIfAbsent(count.group(), group -> new LinkedHashMap<>())
                .put("consumer_count", count.consumers()));
        rows.forEach(row -> groups.computeIfAbsent(row.group(), group -> new LinkedHashMap<>())
                .put(className.apply(row.resourceClassId()), row.used()));
        return Map.of("usages", groups);
    }
}
