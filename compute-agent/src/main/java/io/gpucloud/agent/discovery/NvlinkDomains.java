package io.gpucloud.agent.discovery;

import io.gpucloud.agent.host.PciAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * NVLink domains from direct links: GPUs joined by a chain of links form one domain (an NVSwitch fabric links all
 * of them; bridges link pairs). Ids are host-local: "0" for the domain holding the lowest PCI address, "1" for
 * the next, and so on, so they are stable across restarts. Registration qualifies them with the host name.
 */
final class NvlinkDomains {

    private NvlinkDomains() {}

    static Map<PciAddress, String> of(Map<PciAddress, Set<PciAddress>> links) {
        Map<PciAddress, Set<PciAddress>> undirected = new TreeMap<>();
        links.forEach((gpu, peers) -> peers.forEach(peer -> {
            undirected.computeIfAbsent(gpu, k -> new TreeSet<>()).add(peer);
            undirected.computeIfAbsent(peer, k -> new TreeSet<>()).add(gpu);
        }));
        Map<PciAddress, String> domains = new HashMap<>();
        int next = 0;
        for (PciAddress start : undirected.keySet()) {
            if (domains.containsKey(start)) {
                continue;
            }
            String id = Integer.toString(next++);
            Deque<PciAddress> queue = new ArrayDeque<>(List.of(start));
            while (!queue.isEmpty()) {
                PciAddress gpu = queue.pop();
                if (domains.putIfAbsent(gpu, id) == null) {
                    queue.addAll(undirected.get(gpu));
                }
            }
        }
        return domains;
    }
}
