package io.gpucloud.agent.discovery;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.host.CpuTopology;
import io.gpucloud.agent.host.GpuDevice;
import io.gpucloud.agent.host.GpuModels;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.host.MdevType;
import io.gpucloud.agent.host.NumaCell;
import io.gpucloud.agent.host.PciAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a host from the kernel's files, for hosts whose libvirt has no node-device support. The root is the
 * file-system root ({@code /} on a host); tests point it at a fake tree. Files read, below the root:
 * <ul>
 *   <li>{@code proc/sys/kernel/hostname}, {@code proc/cpuinfo} ("model name"), {@code proc/meminfo} (MemTotal)</li>
 *   <li>{@code sys/devices/system/cpu/online}; {@code cpu0/topology/thread_siblings_list} and
 *       {@code package_cpus_list} (or {@code core_siblings_list}): every socket is assumed built like cpu0's</li>
 *   <li>{@code sys/devices/system/node/node<N>/{cpulist,meminfo}}; without them, one cell holding everything</li>
 *   <li>{@code sys/bus/pci/devices/<address>/{vendor,device,class,numa_node,iommu_group,physfn}} and
 *       {@code mdev_supported_types/<type>/{name,available_instances}}</li>
 * </ul>
 */
public final class SysfsDiscovery implements DiscoverySource {

    private static final Pattern NODE_DIRECTORY = Pattern.compile("node(\\d+)");
    private static final Pattern MEM_TOTAL = Pattern.compile("MemTotal:\\s+(\\d+)\\s*kB");

    private final Path root;

    public SysfsDiscovery(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    @Override
    public HostInventory discover() {
        try {
            Path cpuRoot = root.resolve("sys/devices/system/cpu");
            List<Integer> online = CpuList.parse(read(cpuRoot.resolve("online")));
            long memoryKib = memTotalKib(root.resolve("proc/meminfo"))
                    .orElseThrow(() -> new DiscoveryException("no MemTotal in " + root.resolve("proc/meminfo")));
            List<NumaCell> cells = numaCells(memoryKib, online);
            return new HostInventory(hostname(), cpuModel(), topology(cpuRoot, online.size()), online.size(),
                    memoryKib / 1024, cells, gpus());
        } catch (IOException e) {
            throw new DiscoveryException("cannot read " + describe() + ": " + e, e);
        }
    }

    @Override
    public String describe() {
        return "sysfs " + root;
    }

    private String hostname() throws IOException {
        Path file = root.resolve("proc/sys/kernel/hostname");
        return Files.exists(file) ? read(file) : "localhost";
    }

    private String cpuModel() throws IOException {
        Path cpuinfo = root.resolve("proc/cpuinfo");
        if (!Files.exists(cpuinfo)) {
            return "unknown";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown");
        }
    }

    private static CpuTopology topology(Path cpuRoot, int cpus) throws IOException {
        Path topology = cpuRoot.resolve("cpu0/topology");
        Path package0 = topology.resolve("package_cpus_list");
        if (!Files.exists(package0)) {
            package0 = topology.resolve("core_siblings_list");
        }
        int threads = Math.max(1, CpuList.parse(read(topology.resolve("thread_siblings_list"))).size());
        int perSocket = Math.max(threads, CpuList.parse(read(package0)).size());
        return new CpuTopology(Math.max(1, cpus / perSocket), perSocket / threads, threads);
    }

    private List<NumaCell> numaCells(long hostMemoryKib, List<Integer> online) throws IOException {
        Path nodeRoot = root.resolve("sys/devices/system/node");
        List<NumaCell> cells = new ArrayList<>();
        if (Files.isDirectory(nodeRoot)) {
            try (Stream<Path> entries = Files.list(nodeRoot)) {
                for (Path node : entries.toList()) {
                    Matcher m = NODE_DIRECTORY.matcher(node.getFileName().toString());
                    if (m.matches() && Files.isDirectory(node)) {
                        long kib = memTotalKib(node.resolve("meminfo")).orElse(0L);
                        cells.add(new NumaCell(Integer.parseInt(m.group(1)),
                                CpuList.parse(read(node.resolve("cpulist"))), kib / 1024));
                    }
                }
            }
        }
        if (cells.isEmpty()) {
            // A kernel built without NUMA: the whole host is one cell.
            cells.add(new NumaCell(0, online, hostMemoryKib / 1024));
        }
        return cells;
    }

    private List<GpuDevice> gpus() throws IOException {
        Path devices = root.resolve("sys/bus/pci/devices");
        if (!Files.isDirectory(devices)) {
            return List.of();
        }
        List<NvidiaFunction> functions = new ArrayList<>();
        try (Stream<Path> entries = Files.list(devices)) {
            for (Path device : entries.toList()) {
                function(device).ifPresent(functions::add);
            }
        }
        return NvidiaFunction.gpus(functions);
    }

    private Optional<NvidiaFunction> function(Path device) throws IOException {
        int vendor = hex(device.resolve("vendor"));
        int pciClass = hex(device.resolve("class"));
        if (!GpuModels.isNvidiaGpu(vendor, pciClass)) {
            return Optional.empty();
        }
        Path physicalFunction = device.resolve("physfn");
        if (Files.isSymbolicLink(physicalFunction)) {
            PciAddress parent = PciAddress.parse(Files.readSymbolicLink(physicalFunction).getFileName().toString());
            return Optional.of(new NvidiaFunction.VirtualFunction(parent,
                    mdevTypes(device.resolve("mdev_supported_types"))));
        }
        PciAddress address = PciAddress.parse(device.getFileName().toString());
        OptionalInt numaNode = OptionalInt.empty();
        Path numaFile = device.resolve("numa_node");
        if (Files.exists(numaFile)) {
            int node = Integer.parseInt(read(numaFile));
            numaNode = node < 0 ? OptionalInt.empty() : OptionalInt.of(node);
        }
        OptionalInt iommuGroup = OptionalInt.empty();
        Path groupLink = device.resolve("iommu_group");
        if (Files.isSymbolicLink(groupLink)) {
            iommuGroup = OptionalInt.of(Integer.parseInt(Files.readSymbolicLink(groupLink).getFileName().toString()));
        }
        return Optional.of(new NvidiaFunction.Gpu(GpuDevice.fromPci(address, vendor, hex(device.resolve("device")),
                numaNode, iommuGroup, mdevTypes(device.resolve("mdev_supported_types")))));
    }

    private static List<MdevType> mdevTypes(Path typesDirectory) throws IOException {
        List<MdevType> types = new ArrayList<>();
        if (!Files.isDirectory(typesDirectory)) {
            return types;
        }
        try (Stream<Path> entries = Files.list(typesDirectory)) {
            for (Path type : entries.toList()) {
                String id = type.getFileName().toString();
                Path nameFile = type.resolve("name");
                String name = Files.exists(nameFile) ? read(nameFile) : id;
                types.add(new MdevType(id, name.isEmpty() ? id : name,
                        Integer.parseInt(read(type.resolve("available_instances")))));
            }
        }
        return types;
    }

    private static Optional<Long> memTotalKib(Path meminfo) throws IOException {
        if (!Files.exists(meminfo)) {
            return Optional.empty();
        }
        Matcher m = MEM_TOTAL.matcher(Files.readString(meminfo));
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    private static int hex(Path file) throws IOException {
        String text = read(file);
        try {
            return Integer.decode(text);
        } catch (NumberFormatException e) {
            throw new DiscoveryException("expected a hex number in " + file + ", got '" + text + "'", e);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).strip();
    }
}
