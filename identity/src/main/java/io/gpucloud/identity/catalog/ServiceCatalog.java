package io.gpucloud.identity.catalog;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The service catalog: every service of the cloud with its public URL, one endpoint each. URLs with
 * {@code {project_id}} get the token's project filled in, as Keystone does with {@code $(project_id)s}.
 */
@Component
public class ServiceCatalog {

    /** type, name, the module serving it, its standard port, path on that port. */
    private record Service(String type, String name, String module, int port, String path) {
    }

    private static final List<Service> SERVICES = List.of(
            new Service("identity", "keystone", "identity", 5000, "/v3"),
            new Service("compute", "nova", "compute-api", 8774, "/v2.1"),
            new Service("image", "glance", "compute-api", 8774, "/image"),
            new Service("placement", "placement", "scheduler", 8778, ""),
            new Service("volumev3", "cinderv3", "block-storage", 8776, "/v3/{project_id}"),
            new Service("block-storage", "cinderv3", "block-storage", 8776, "/v3/{project_id}"),
            new Service("object-store", "swift", "object-storage", 8080, "/v1/AUTH_{project_id}"),
            new Service("s3", "s3", "object-storage", 8080, ""),
            new Service("baremetal", "ironic", "baremetal-service", 6385, ""),
            new Service("container-infra", "magnum", "k8s-cluster-service", 9511, "/v1"));

    private final CatalogProperties properties;

    public ServiceCatalog(CatalogProperties properties) {
        this.properties = requireNonNull(properties, "properties is null");
    }

    public String region() {
        return properties.region();
    }

    /** The catalog as Keystone renders it, for a token scoped to {@code projectId} (may be null). */
    public List<Map<String, Object>> render(String projectId) {
        List<Map<String, Object>> catalog = new ArrayList<>();
        for (Service service : SERVICES) {
            String url = urlOf(service);
            if (url.contains("{project_id}")) {
                if (projectId == null) {
                    continue;
                }
                url = url.replace("{project_id}", projectId);
            }
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("id", stableId("endpoint:" + service.type()));
            endpoint.put("interface", "public");
            endpoint.put("region", properties.region());
            endpoint.put("region_id", properties.region());
            endpoint.put("url", url);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("endpoints", List.of(endpoint));
            entry.put("id", stableId("service:" + service.type()));
            entry.put("type", service.type());
            entry.put("name", service.name());
            catalog.add(entry);
        }
        return catalog;
    }

    private String urlOf(Service service) {
        String configured = properties.endpoints().get(service.type());
        if (configured != null) {
            return configured;
        }
        int port = properties.servicePorts().getOrDefault(service.module(), service.port());
        return "http://" + properties.publicHost() + ":" + port + service.path();
    }

    private static String stableId(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
