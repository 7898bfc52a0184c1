package io.gpucloud.compute.usage;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v2.1/os-simple-tenant-usage}: hours, vCPU-, memory- and disk-hours per project for a period, as Nova
 * reports them, plus GPU-hours: {@code total_gpu_hours}, and split by user and by resource class
 * ({@code gpu_hours_by_user}, {@code gpu_hours_by_class}); each server usage also names its {@code user_id},
 * {@code gpus} and {@code gpu_hours}. Counted from ACTIVE (launched_at) to deletion. Every project's usage is for
 * admins; a member sees their own project's.
 */
@RestController
public class UsageController {

    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private final UsageReports reports;
    private final Clock clock;

    public UsageController(UsageReports reports, Clock clock) {
        this.reports = requireNonNull(reports, "reports is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @GetMapping("/v2.1/os-simple-tenant-usage")
    public Map<String, Object> all(AuthContext caller, @RequestParam Map<String, String> params) {
        Policy.requireAdmin(caller);
        Period period = period(params);
        boolean detailed = "1".equals(params.get("detailed")) || "true".equalsIgnoreCase(params.get("detailed"));
        Map<String, List<ServerUsage>> byProject = new TreeMap<>();
        for (ServerUsage usage : reports.servers(null, period.start(), period.end())) {
            byProject.computeIfAbsent(usage.projectId(), project -> new ArrayList<>()).add(usage);
        }
        List<Map<String, Object>> usages = new ArrayList<>();
        byProject.forEach((project, servers) -> usages.add(tenantUsage(project, servers, period, detailed)));
        return Map.of("tenant_usages", usages);
    }

    @GetMapping("/v2.1/os-simple-tenant-usage/{project}")
    public Map<String, Object> project(AuthContext caller, @PathVariable String project,
            @RequestParam Map<String, String> params) {
        if (!caller.isAdmin() && !project.equals(caller.projectId())) {
            throw ApiException.forbidden("Policy doesn't allow os_compute_api:os-simple-tenant-usage:show to be"
                    + " performed.");
        }
        Period period = period(params);
        List<ServerUsage> servers = reports.servers(project, period.start(), period.end());
        return Map.of("tenant_usage", servers.isEmpty() ? Map.of() : tenantUsage(project, servers, period, true));
    }

    private static Map<String, Object> tenantUsage(String project, List<ServerUsage> servers, Period period,
            boolean detailed) {
        double hours = 0;
        double vcpuHours = 0;
        double memoryHours = 0;
        double diskHours = 0;
        double gpuHours = 0;
        Map<String, Double> gpuHoursByUser = new TreeMap<>();
        Map<String, Double> gpuHoursByClass = new TreeMap<>();
        List<Map<String, Object>> serverUsages = new ArrayList<>();
        for (ServerUsage server : servers) {
            double h = server.hours();
            hours += h;
            vcpuHours += h * server.vcpus();
            memoryHours += h * server.memoryMb();
            diskHours += h * server.localGb();
            gpuHours += server.gpuHours();
            if (server.gpuCount() > 0) {
                gpuHoursByUser.merge(server.userId(), server.gpuHours(), Double::sum);
                server.gpus().forEach((resourceClass, amount) -> gpuHoursByClass.merge(resourceClass, h * amount,
                        Double::sum));
            }
            if (detailed) {
                serverUsages.add(serverUsage(server, h));
            }
        }
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("tenant_id", project);
        usage.put("total_hours", hours);
        usage.put("total_vcpus_usage", vcpuHours);
        usage.put("total_memory_mb_usage", memoryHours);
        usage.put("total_local_gb_usage", diskHours);
        usage.put("total_gpu_hours", gpuHours);
        usage.put("gpu_hours_by_user", gpuHoursByUser);
        usage.put("gpu_hours_by_class", gpuHoursByClass);
        usage.put("start", WIRE.format(period.start()));
        usage.put("stop", WIRE.format(period.end()));
        if (detailed) {
            usage.put("server_usages", serverUsages);
        }
        return usage;
    }

    private static Map<String, Object> serverUsage(ServerUsage server, double hours) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("instance_id", server.instance().toString());
        view.put("name", server.name());
        view.put("hours", hours);
        view.put("memory_mb", server.memoryMb());
        view.put("local_gb", server.localGb());
        view.put("vcpus", server.vcpus());
        view.put("tenant_id", server.projectId());
        view.put("user_id", server.userId());
        view.put("flavor", server.flavor());
        view.put("started_at", server.launchedAt() == null ? null : WIRE.format(server.launchedAt()));
        view.put("ended_at", server.deletedAt() == null ? null : WIRE.format(server.deletedAt()));
        view.put("state", server.deletedAt() != null ? "terminated" : server.state());
        view.put("uptime", server.launchedAt() == null ? 0 : Duration.between(server.launchedAt(),
                server.deletedAt() != null ? server.deletedAt() : server.periodEnd()).toSeconds());
        view.put("gpus", server.gpus());
        view.put("gpu_hours", server.gpuHours());
        return view;
    }

    private record Period(Instant start, Instant end) {
    }

    private Period period(Map<String, String> params) {
        Instant end = params.containsKey("end") ? time(params.get("end"), "end") : clock.instant();
        Instant start = params.containsKey("start") ? time(params.get("start"), "start")
                : end.minus(30, ChronoUnit.DAYS);
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("Invalid start time. The start time cannot occur after the end time.");
        }
        return new Period(start, end);
    }

    /** Nova takes {@code 2026-12-01T00:00:00}, with or without fractions, with or without a zone. */
    private static Instant time(String text, String field) {
        try {
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return Instant.parse(text.replace(" ", "T"));
            }
            return LocalDateTime.parse(text.replace(" ", "T")).toInstant(ZoneOffset.UTC);
        }
        catch (DateTimeParseException e) {
            throw ApiException.badRequest("Invalid " + field + " time: '" + text + "' is not an ISO 8601 time.");
        }
    }
}
