import io.gpucloud.agent.discovery.HostDiscovery;
import io.gpucloud.agent.host.GpuDevice;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.inventory.GpuSlot;
import io.gpucloud.agent.inventory.HostPlan;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Runs the agent's sysfs + nvidia-smi discovery on this machine and prints what the agent would report: the
 * inventory, then one line per GPU child provider (resource class and traits) with every GPU in passthrough mode.
 * Usage: {@code java -cp <compute-agent classes>:<slf4j, logback> DiscoveryProbe.java [sysfs root]}.
 */
public final class DiscoveryProbe {

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : "/");
        long started = System.nanoTime();
        HostInventory inventory = HostDiscovery.forSysfs(root).discover();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("discovery took %d ms%n", millis);
        System.out.printf("host %s, cpu '%s', %s, %d cpus, %d MiB, numa cells %s%n", inventory.hostname(),
                inventory.cpuModel(), inventory.cpuTopology(), inventory.vcpus(), inventory.memoryMb(),
                inventory.numaCells());
        for (GpuDevice gpu : inventory.gpus()) {
            System.out.println("gpu " + gpu);
        }
        HostPlan plan = HostPlan.of(inventory.hostname(), inventory, Map.of(), Set.of(), 100, 0, 0);
        for (GpuSlot slot : plan.gpus()) {
            System.out.printf("provider %s: %s=%d traits %s%n", slot.providerName(), slot.resourceClass(),
                    slot.total(), slot.traits());
        }
    }
}
