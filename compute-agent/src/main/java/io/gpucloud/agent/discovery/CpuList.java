package io.gpucloud.agent.discovery;

import java.util.ArrayList;
import java.util.List;

/** Linux CPU lists as sysfs writes them: {@code 0-39,80-119}, {@code 0,64}, or empty. */
final class CpuList {

    private CpuList() {}

    static List<Integer> parse(String text) {
        List<Integer> cpus = new ArrayList<>();
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return cpus;
        }
        for (String part : trimmed.split(",")) {
            try {
                int dash = part.indexOf('-');
                if (dash < 0) {
                    cpus.add(Integer.parseInt(part.strip()));
                } else {
                    int first = Integer.parseInt(part.substring(0, dash).strip());
                    int last = Integer.parseInt(part.substring(dash + 1).strip());
                    for (int cpu = first; cpu <= last; cpu++) {
                        cpus.add(cpu);
                    }
                }
            } catch (NumberFormatException e) {
                throw new DiscoveryException("not a CPU list: '" + text + "'", e);
            }
        }
        return cpus;
    }
}
