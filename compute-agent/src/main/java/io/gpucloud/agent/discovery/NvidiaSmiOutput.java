package io.gpucloud.agent.discovery;

import io.gpucloud.agent.host.MigProfile;
import io.gpucloud.agent.host.PciAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the nvidia-smi outputs discovery reads; pure functions over captured text. */
final class NvidiaSmiOutput {

    /** The arguments whose CSV {@link #gpus(String)} parses. */
    static final List<String> QUERY_GPUS = List.of(
            "--query-gpu=index,pci.bus_id,name,memory.total,mig.mode.current", "--format=csv,noheader,nounits");
    static final List<String> MIG_PROFILES = List.of("mig", "-lgip");
    static final List<String> TOPOLOGY = List.of("topo", "-m");

    /**
     * One GPU as {@link #QUERY_GPUS} reports it.
     *
     * @param migEnabled empty when the GPU has no MIG ("[N/A]", "[Not Supported]")
     */
    record SmiGpu(int index, PciAddress address, String name, OptionalLong memoryMib, Optional<Boolean> migEnabled) {
    }

    // "|   0  MIG 1g.10gb       19     7/7        9.50       No     14     0     0   |"
    private static final Pattern MIG_PROFILE = Pattern.compile(
            "^\\|\\s*(\\d+)\\s+MIG\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)/(\\d+)\\s+([0-9.]+)\\s.*");
    private static final Pattern GPU_LABEL = Pattern.compile("GPU(\\d+)");
    private static final Pattern NVLINK_CELL = Pattern.compile("NV\\d+");
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*m");

    private NvidiaSmiOutput() {}

    /** {@code 0, 00000000:3B:00.0, NVIDIA A100 80GB PCIe, 81920, Enabled} per line. */
    static List<SmiGpu> gpus(String csv) {
        List<SmiGpu> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",");
            if (fields.length < 5) {
                throw new DiscoveryException("unexpected nvidia-smi --query-gpu line: '" + line + "'");
            }
            String memory = fields[3].strip();
            String mig = fields[4].strip();
            gpus.add(new SmiGpu(
                    Integer.parseInt(fields[0].strip()),
                    PciAddress.parse(fields[1].strip()),
                    fields[2].strip(),
                    memory.matches("\\d+") ? OptionalLong.of(Long.parseLong(memory)) : OptionalLong.empty(),
                    switch (mig) {
                        case "Enabled" -> Optional.of(true);
                        case "Disabled" -> Optional.of(false);
                        default -> Optional.empty();
                    }));
        }
        return gpus;
    }

    /** {@code nvidia-smi mig -lgip}: GPU-instance profiles by GPU index, in listed order. */
    static Map<Integer, List<MigProfile>> migProfiles(String table) {
        Map<Integer, List<MigProfile>> byGpu = new TreeMap<>();
        for (String line : table.split("\\R")) {
            Matcher m = MIG_PROFILE.matcher(line.strip());
            if (m.matches()) {
                long memoryMib = Math.round(Double.parseDouble(m.group(6)) * 1024);
                byGpu.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>())
                        .add(new MigProfile(m.group(2), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                                Integer.parseInt(m.group(5)), memoryMib));
            }
        }
        return byGpu;
    }

    /**
     * {@code nvidia-smi topo -m}: for each GPU index, the GPU indexes it reaches over NVLink ({@code NV<n>} cells).
     * The matrix header lists {@code GPU0 GPU1 … NIC0 … CPU Affinity …}; only the GPU columns matter.
     */
    static Map<Integer, TreeSet<Integer>> nvlinkPeers(String matrix) {
        List<Integer> columns = null;
        Map<Integer, TreeSet<Integer>> peers = new LinkedHashMap<>();
        for (String rawLine : matrix.split("\\R")) {
            String[] tokens = ANSI_ESCAPE.matcher(rawLine).replaceAll("").strip().split("\\s+");
            if (columns == null) {
                if (tokens.length > 0 && GPU_LABEL.matcher(tokens[0]).matches()) {
                    columns = new ArrayList<>();
                    for (String token : tokens) {
                        Matcher m = GPU_LABEL.matcher(token);
                        if (!m.matches()) {
                            break;
                        }
                        columns.add(Integer.parseInt(m.group(1)));
                    }
                }
                continue;
            }
            Matcher row = GPU_LABEL.matcher(tokens[0]);
            if (!row.matches()) {
                continue;
            }
            int gpu = Integer.parseInt(row.group(1));
            TreeSet<Integer> linked = peers.computeIfAbsent(gpu, k -> new TreeSet<>());
            for (int i = 0; i < columns.size() && i + 1 < tokens.length; i++) {
                if (NVLINK_CELL.matcher(tokens[i + 1]).matches() && columns.get(i) != gpu) {
                    linked.add(columns.get(i));
                }
            }
        }
        return peers;
    }
}
