package io.gpucloud.agent.host;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * One host NUMA node: its logical CPUs (ascending ids) and its memory.
 */
public record NumaCell(int id, List<Integer> cpus, long memoryMb) {

    public NumaCell {
        if (id < 0) {
            throw new IllegalArgumentException("NUMA cell id must not be negative: " + id);
        }
        if (memoryMb < 0) {
            throw new IllegalArgumentException("NUMA cell memory must not be negative: " + memoryMb);
        }
        cpus = List.copyOf(requireNonNull(cpus, "cpus is null")).stream().sorted().distinct().toList();
    }

    /** The CPU ids as Linux lists them, e.g. {@code 0-39,80-119}. */
    public String cpuList() {
        List<String> ranges = new ArrayList<>();
        int i = 0;
        while (i < cpus.size()) {
            int start = cpus.get(i);
            int end = start;
            while (i + 1 < cpus.size() && cpus.get(i + 1) == end + 1) {
                end = cpus.get(++i);
            }
            ranges.add(start == end ? Integer.toString(start) : start + "-" + end);
            i++;
        }
        return String.join(",", ranges);
    }
}
