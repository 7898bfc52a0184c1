package io.gpucloud.agent.discovery;

import io.gpucloud.agent.host.NumaCell;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Node;

/**
 * Reads the host part of libvirt's capabilities ({@code virsh capabilities}):
 * <pre>{@code
 * <capabilities><host>
 *   <cpu><arch>x86_64</arch><model>Icelake-Server</model>...</cpu>
 *   <topology><cells num='2'>
 *     <cell id='0'><memory unit='KiB'>527966432</memory>
 *       <cpus num='80'><cpu id='0' socket_id='0' core_id='0' siblings='0,80'/>...</cpus></cell>
 *   </cells></topology>
 * </host></capabilities>
 * }</pre>
 * The test driver, given a host file, reports no cells at all; the caller then falls back on node info.
 */
final class CapabilitiesXml {

    private final Xml xml = new Xml();
    private final Node host;

    CapabilitiesXml(String capabilitiesXml) {
        this.host = xml.nodes(Xml.parse(capabilitiesXml), "host").stream().findFirst()
                .orElseThrow(() -> new DiscoveryException("capabilities without <host>"));
    }

    /** libvirt's name for the host CPU model (e.g. {@code Icelake-Server}); absent on the test driver. */
    Optional<String> cpuModel() {
        return xml.text(host, "cpu/model");
    }

    List<NumaCell> numaCells() {
        List<NumaCell> cells = new ArrayList<>();
        for (Node cell : xml.nodes(host, "topology/cells/cell")) {
            int id = xml.requiredInteger(cell, "@id", "NUMA cell");
            List<Integer> cpus = new ArrayList<>();
            for (Node cpu : xml.nodes(cell, "cpus/cpu")) {
                cpus.add(xml.requiredInteger(cpu, "@id", "NUMA cell " + id + " CPU"));
            }
            long kib = xml.text(cell, "memory").map(Long::parseLong).orElse(0L)
                    * unitKib(xml.text(cell, "memory/@unit").orElse("KiB"));
            cells.add(new NumaCell(id, cpus, kib / 1024));
        }
        return cells;
    }

    private static long unitKib(String unit) {
        return switch (unit) {
            case "KiB", "k", "K" -> 1;
            case "MiB", "M" -> 1024;
            case "GiB", "G" -> 1024 * 1024;
            default -> throw new DiscoveryException("unknown memory unit in capabilities: " + unit);
        };
    }
}
