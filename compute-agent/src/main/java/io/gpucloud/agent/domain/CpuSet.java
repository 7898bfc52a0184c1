package io.gpucloud.agent.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** libvirt's cpuset syntax ({@code 0-3,8,^2}), as vcpupin and numatune write it. */
public final class CpuSet {

    private CpuSet() {}

    /** The CPUs named; {@code ^n} excludes n from what came before. */
    public static Set<Integer> parse(String text) {
        Set<Integer> cpus = new TreeSet<>();
        if (text == null || text.isBlank()) {
            return cpus;
        }
        for (String part : text.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            try {
                if (item.startsWith("^")) {
                    cpus.remove(Integer.parseInt(item.substring(1)));
                    continue;
                }
                int dash = item.indexOf('-');
                int first = Integer.parseInt(dash < 0 ? item : item.substring(0, dash));
                int last = dash < 0 ? first : Integer.parseInt(item.substring(dash + 1));
                for (int cpu = first; cpu <= last; cpu++) {
                    cpus.add(cpu);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a cpuset: '" + text + "'", e);
            }
        }
        return cpus;
    }

    /** Ascending ranges, e.g. {@code 0-1} for nodes 0 and 1. */
    public static String format(Set<Integer> cpus) {
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(cpus));
        List<String> ranges = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int start = sorted.get(i);
            int end = start;
            while (i + 1 < sorted.size() && sorted.get(i + 1) == end + 1) {
                end = sorted.get(++i);
            }
            ranges.add(start == end ? Integer.toString(start) : start + "-" + end);
            i++;
        }
        return String.join(",", ranges);
    }
}
