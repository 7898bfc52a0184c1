package io.gpucloud.compute.server;

import io.gpucloud.common.api.ApiVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A server as the API shows it, per microversion (docs/compute-api.md lists the differences): keys are added at
 * the version that introduced them and never before, since clients validate against the schema of the version
 * they asked for.
 */
final class ServerView {

    /** Nova's timestamps: seconds, UTC, 'Z'. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    /** launched_at / terminated_at come without a zone, with microseconds. */
    private static final DateTimeFormatter USAGE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private ServerView() {
    }

    /** The minimal form of listings: id, name, links. */
    static Map<String, Object> brief(UUID id, String name, String base) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id.toString());
        view.put("name", name);
        view.put("links", links(id, base));
        return view;
    }

    static Map<String, Object> detail(Instance instance, String base, ApiVersion version, boolean admin) {
        Lifecycle lifecycle = instance.lifecycle();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", instance.uuid().toString());
        view.put("name", instance.name());
        view.put("status", lifecycle.status());
        view.put("tenant_id", instance.projectId());
        view.put("user_id", instance.userId());
        view.put("metadata", instance.metadata());
        view.put("hostId", hostId(instance));
        view.put("image", instance.imageUuid() == null ? "" : Map.of("id", instance.imageUuid().toString(),
                "links", List.of(Map.of("rel", "bookmark", "href", base + "/images/" + instance.imageUuid()))));
        view.put("flavor", flavor(instance.flavor(), base, version));
        view.put("created", TIME.format(instance.createdAt()));
        view.put("updated", TIME.format(instance.updatedAt()));
        view.put("addresses", Map.of());
        view.put("accessIPv4", instance.accessIpv4());
        view.put("accessIPv6", instance.accessIpv6());
        view.put("links", links(instance.uuid(), base));
        view.put("OS-DCF:diskConfig", instance.diskConfig());
        view.put("progress", lifecycle.vm() == VmState.ACTIVE ? 100 : 0);
        view.put("OS-EXT-AZ:availability_zone", instance.availabilityZone() == null ? "nova"
                : instance.availabilityZone());
        view.put("config_drive", "True");
        view.put("key_name", instance.keyName());
        view.put("OS-SRV-USG:launched_at", instance.launchedAt() == null ? null
                : USAGE_TIME.format(instance.launchedAt().truncatedTo(ChronoUnit.MICROS)));
        view.put("OS-SRV-USG:terminated_at", instance.deletedAt() == null ? null
                : USAGE_TIME.format(instance.deletedAt().truncatedTo(ChronoUnit.MICROS)));
        view.put("OS-EXT-STS:task_state", lifecycle.task().wire());
        view.put("OS-EXT-STS:vm_state", lifecycle.vm().wire());
        view.put("OS-EXT-STS:power_state", lifecycle.power().code());
        view.put("security_groups", List.of(Map.of("name", "default")));
        view.put("os-extended-volumes:volumes_attached", List.of());
        if (admin) {
            view.put("OS-EXT-SRV-ATTR:host", instance.host());
            view.put("OS-EXT-SRV-ATTR:hypervisor_hostname", instance.host());
            view.put("OS-EXT-SRV-ATTR:instance_name", "instance-" + instance.uuid());
            // Not Nova's: which GPUs the server holds on its host, for operators.
            view.put("gpucloud:gpus", instance.gpus().stream().map(gpu -> Map.of("provider", gpu.provider().toString(),
                    "name", gpu.name(), "resource_class", gpu.resourceClass(), "amount", gpu.amount())).toList());
        }
        if (instance.fault() != null && (lifecycle.vm() == VmState.ERROR || lifecycle.vm() == VmState.DELETED)) {
            view.put("fault", Map.of("code", instance.fault().code(), "message", instance.fault().message(),
                    "created", TIME.format(instance.fault().created())));
        }
        if (version.atLeast(2, 9)) {
            view.put("locked", false);
        }
        if (version.atLeast(2, 16) && admin) {
            view.put("host_status", instance.host() == null ? "" : "UP");
        }
        if (version.atLeast(2, 19)) {
            view.put("description", null);
        }
        if (version.atLeast(2, 26)) {
            view.put("tags", List.of());
        }
        if (version.atLeast(2, 63)) {
            view.put("trusted_image_certificates", null);
        }
        if (version.atLeast(2, 73)) {
            view.put("locked_reason", null);
        }
        return view;
    }

    private static Object flavor(FlavorSnapshot flavor, String base, ApiVersion version) {
        if (!version.atLeast(2, 47)) {
            return Map.of("id", flavor.id(), "links", List.of(Map.of("rel", "bookmark",
                    "href", base + "/flavors/" + flavor.id())));
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("vcpus", flavor.vcpus());
        view.put("ram", flavor.ram());
        view.put("disk", flavor.disk());
        view.put("ephemeral", flavor.ephemeral());
        view.put("swap", flavor.swap());
        view.put("original_name", flavor.name());
        view.put("extra_specs", flavor.extraSpecs());
        return view;
    }

    private static List<Map<String, String>> links(UUID id, String base) {
        return List.of(Map.of("rel", "self", "href", base + "/v2.1/servers/" + id),
                Map.of("rel", "bookmark", "href", base + "/servers/" + id));
    }

    /** Nova's hostId: hides the host's name but lets a project see which of its servers share a host. */
    static String hostId(Instance instance) {
        if (instance.host() == null) {
            return "";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-224").digest((instance.projectId() + instance.host())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-224", e);
        }
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
