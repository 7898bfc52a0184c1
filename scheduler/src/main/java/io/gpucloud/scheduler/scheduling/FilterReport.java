package io.gpucloud.scheduler.scheduling;

import java.util.LinkedHashMap;
import java.util.Map;

/** How many hosts each filter turned away in one pass: the material of a NoValidHost reason. */
final class FilterReport {

    private final Map<String, Integer> rejections = new LinkedHashMap<>();
    private final Map<String, String> sampleReasons = new LinkedHashMap<>();

    void rejected(HostFilter filter, Verdict.Reject verdict) {
        rejections.merge(filter.name(), 1, Integer::sum);
        sampleReasons.putIfAbsent(filter.name(), verdict.reason());
    }

    /** Filter name → hosts rejected, in the order filters first rejected one. */
    Map<String, Integer> rejections() {
        return Map.copyOf(rejections);
    }

    int total() {
        return rejections.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** e.g. "3 by server group anti-affinity (already holds 1 member(s) of the group (at most 1)), 1 by already tried". */
    String describe() {
        StringBuilder text = new StringBuilder();
        rejections.forEach((filter, count) -> {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(count).append(" by ").append(filter).append(" (").append(sampleReasons.get(filter)).append(')');
        });
        return text.toString();
    }
}
