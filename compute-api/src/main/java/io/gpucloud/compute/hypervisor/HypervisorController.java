package io.gpucloud.compute.hypervisor;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import io.gpucloud.compute.host.HostStates;
import io.gpucloud.compute.placement.ComputePlacement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v2.1/os-hypervisors} for admins: every compute host with its vCPUs, memory and disk, what is used, and
 * (not Nova's) {@code gpus}: per resource class, total, used and reserved. Ids are the hosts' provider uuids from
 * 2.53, as in Nova; before that a stable integer derived from it.
 */
@RestController
public class HypervisorController {

    private final ComputePlacement placement;
    private final HostStates states;

    public HypervisorController(ComputePlacement placement, HostStates states) {
        this.placement = placement;
        this.states = states;
    }

    @GetMapping("/v2.1/os-hypervisors")
    public Map<String, Object> list(AuthContext caller, ApiVersion version) {
        Policy.requireAdmin(caller);
        return Map.of("hypervisors", hosts().stream().map(host -> brief(host, version)).toList());
    }

    @GetMapping("/v2.1/os-hypervisors/detail")
    public Map<String, Object> detail(AuthContext caller, ApiVersion version) {
        Policy.requireAdmin(caller);
        return Map.of("hypervisors", hosts().stream().map(host -> detail(host, version)).toList());
    }

    @GetMapping("/v2.1/os-hypervisors/statistics")
    public Map<String, Object> statistics(AuthContext caller) {
        Policy.requireAdmin(caller);
        List<Hypervisor> hosts = hosts();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("count", hosts.size());
        stats.put("vcpus", hosts.stream().mapToInt(Hypervisor::vcpus).sum());
        stats.put("vcpus_used", hosts.stream().mapToInt(Hypervisor::vcpusUsed).sum());
        stats.put("memory_mb", hosts.stream().mapToInt(Hypervisor::memoryMb).sum());
        stats.put("memory_mb_used", hosts.stream().mapToInt(Hypervisor::memoryMbUsed).sum());
        stats.put("free_ram_mb", hosts.stream().mapToInt(h -> h.memoryMb() - h.memoryMbUsed()).sum());
        stats.put("local_gb", hosts.stream().mapToInt(Hypervisor::localGb).sum());
        stats.put("local_gb_used", hosts.stream().mapToInt(Hypervisor::localGbUsed).sum());
        stats.put("free_disk_gb", hosts.stream().mapToInt(h -> h.localGb() - h.localGbUsed()).sum());
        stats.put("disk_available_least", hosts.stream().mapToInt(h -> h.localGb() - h.localGbUsed()).sum());
        stats.put("running_vms", hosts.stream().mapToInt(Hypervisor::runningVms).sum());
        stats.put("current_workload", 0);
        Map<String, Map<String, Integer>> gpus = new java.util.TreeMap<>();
        hosts.forEach(host -> host.gpus().forEach((resourceClass, totals) -> gpus.merge(resourceClass,
                Map.of("total", totals.total(), "used", totals.used()), (a, b) -> Map.of(
                        "total", a.get("total") + b.get("total"), "used", a.get("used") + b.get("used")))));
        stats.put("gpus", gpus);
        return Map.of("hypervisor_statistics", stats);
    }

    @GetMapping("/v2.1/os-hypervisors/{id}")
    public Map<String, Object> show(AuthContext caller, ApiVersion version, @PathVariable String id) {
        Policy.requireAdmin(caller);
        return Map.of("hypervisor", detail(hosts().stream()
                .filter(host -> id(host, version).toString().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Hypervisor with ID " + id + " could not be found.")),
                version));
    }

    private List<Hypervisor> hosts() {
        return placement.call("Listing the hypervisors", client -> new Hypervisors(client).all());
    }

    private static Object id(Hypervisor host, ApiVersion version) {
        return version.atLeast(2, 53) ? host.uuid().toString() : (host.uuid().hashCode() & 0x7fffffff);
    }

    private Map<String, Object> brief(Hypervisor host, ApiVersion version) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id(host, version));
        view.put("hypervisor_hostname", host.name());
        view.put("state", states.isDown(host.name()) ? "down" : "up");
        view.put("status", host.disabled() ? "disabled" : "enabled");
        return view;
    }

    private Map<String, Object> detail(Hypervisor host, ApiVersion version) {
        Map<String, Object> view = brief(host, version);
        view.put("hypervisor_type", "QEMU");
        view.put("hypervisor_version", 7002000);
        view.put("host_ip", "");
        view.put("vcpus", host.vcpus());
        view.put("vcpus_used", host.vcpusUsed());
        view.put("memory_mb", host.memoryMb());
        view.put("memory_mb_used", host.memoryMbUsed());
        view.put("free_ram_mb", host.memoryMb() - host.memoryMbUsed());
        view.put("local_gb", host.localGb());
        view.put("local_gb_used", host.localGbUsed());
        view.put("free_disk_gb", host.localGb() - host.localGbUsed());
        view.put("disk_available_least", host.localGb() - host.localGbUsed());
        view.put("running_vms", host.runningVms());
        view.put("current_workload", 0);
        view.put("cpu_info", "{}");
        view.put("service", Map.of("host", host.name(), "id", id(host, version), "disabled_reason",
                host.disabled() ? "disabled, or its heartbeats stopped" : ""));
        Map<String, Object> gpus = new LinkedHashMap<>();
        host.gpus().forEach((resourceClass, totals) -> gpus.put(resourceClass, Map.of("total", totals.total(),
                "used", totals.used(), "reserved", totals.reserved())));
        view.put("gpus", gpus);
        return view;
    }
}
