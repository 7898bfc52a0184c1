package io.gpucloud.agent.discovery;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.host.CpuTopology;
import io.gpucloud.agent.host.GpuDevice;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.host.NumaCell;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.libvirt.Connect;
import org.libvirt.Device;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;

/**
 * Reads a host through libvirt: node info (CPUs, memory), the capabilities XML (CPU model, NUMA cells) and the PCI
 * node devices (GPUs with NUMA node, IOMMU group and mdev types). Works the same against {@code qemu:///system} and
 * against the test driver with a simulated host ({@code test:///abs/path/host.xml}).
 *
 * <p>The test driver reports no NUMA cells in its capabilities when given a host file; the cells are then laid out
 * from node info: {@code nodes} cells, CPUs numbered consecutively and memory split evenly.
 */
public final class LibvirtDiscovery implements DiscoverySource {

    private final String uri;
    private final NodeDeviceXml nodeDevices = new NodeDeviceXml();

    public LibvirtDiscovery(String uri) {
        this.uri = requireNonNull(uri, "uri is null");
    }

    @Override
    public HostInventory discover() {
        Connect connection;
        try {
            connection = new Connect(uri, true);
        } catch (LibvirtException e) {
            throw new DiscoveryException("cannot open libvirt connection " + uri + ": " + message(e), e);
        }
        try {
            return read(connection);
        } catch (LibvirtException e) {
            throw new DiscoveryException("libvirt " + uri + ": " + message(e), e);
        } finally {
            try {
                connection.close();
            } catch (LibvirtException e) {
                // Nothing was left half-read; a failing close only leaks what libvirt frees at exit anyway.
            }
        }
    }

    @Override
    public String describe() {
        return "libvirt " + uri;
    }

    private HostInventory read(Connect connection) throws LibvirtException {
        NodeInfo info = connection.nodeInfo();
        CapabilitiesXml capabilities = new CapabilitiesXml(connection.getCapabilities());
        int nodes = Math.max(1, info.nodes);
        CpuTopology topology = new CpuTopology(Math.max(1, info.sockets) * nodes, Math.max(1, info.cores),
                Math.max(1, info.threads));
        long memoryMb = info.memory / 1024;
        List<NumaCell> cells = capabilities.numaCells();
        if (cells.isEmpty()) {
            cells = evenCells(nodes, info.cpus, memoryMb);
        }
        return new HostInventory(connection.getHostName(), capabilities.cpuModel().orElse(info.model), topology,
                info.cpus, memoryMb, cells, gpus(connection));
    }

    private List<GpuDevice> gpus(Connect connection) throws LibvirtException {
        String[] names;
        try {
            // virConnectListAllNodeDevices is not in libvirt-java 0.5.4 (and the test driver refuses its flags);
            // the older per-capability listing works everywhere.
            names = connection.listDevices("pci");
        } catch (LibvirtException e) {
            ErrorNumber code = e.getError() == null ? null : e.getError().getCode();
            if (code == ErrorNumber.VIR_ERR_NO_SUPPORT || code == ErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED) {
                throw new NodeDevicesUnsupportedException("libvirt " + uri + " cannot list node devices: "
                        + message(e), e);
            }
            throw e;
        }
        List<NvidiaFunction> functions = new ArrayList<>();
        for (String name : names) {
            Device device = connection.deviceLookupByName(name);
            try {
                nodeDevices.read(device.getXMLDescription()).ifPresent(functions::add);
            } finally {
                device.free();
            }
        }
        return NvidiaFunction.gpus(functions);
    }

    /** {@code nodes} cells with consecutive CPU ids and equal memory: how the test driver's hosts are laid out. */
    static List<NumaCell> evenCells(int nodes, int cpus, long memoryMb) {
        int perNode = cpus / nodes;
        return IntStream.range(0, nodes)
                .mapToObj(node -> {
                    int first = node * perNode;
                    int end = node == nodes - 1 ? cpus : first + perNode;
                    return new NumaCell(node, IntStream.range(first, end).boxed().toList(), memoryMb / nodes);
                })
                .toList();
    }

    private static String message(LibvirtException e) {
        return e.getError() == null ? String.valueOf(e.getMessage()) : e.getError().getMessage();
    }
}
