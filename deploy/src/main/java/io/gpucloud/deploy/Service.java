package io.gpucloud.deploy;

import io.gpucloud.agent.ComputeAgentApplication;
import io.gpucloud.baremetal.BaremetalApplication;
import io.gpucloud.coe.K8sClusterApplication;
import io.gpucloud.compute.ComputeApiApplication;
import io.gpucloud.identity.IdentityApplication;
import io.gpucloud.objectstorage.ObjectStorageApplication;
import io.gpucloud.portal.PortalApplication;
import io.gpucloud.scheduler.SchedulerApplication;
import io.gpucloud.volume.BlockStorageApplication;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The services the launcher runs, in start order: identity first, since every other one checks tokens with it. */
enum Service {
    IDENTITY("identity", 5000, "/v3", IdentityApplication::application),
    COMPUTE_API("compute-api", 8774, "/v2.1", ComputeApiApplication::application),
    SCHEDULER("scheduler", 8778, "/", SchedulerApplication::application),
    BLOCK_STORAGE("block-storage", 8776, "/v3", BlockStorageApplication::application),
    OBJECT_STORAGE("object-storage", 8080, "/v1 (Swift), / (S3)", ObjectStorageApplication::application),
    BAREMETAL("baremetal-service", 6385, "/v1", BaremetalApplication::application),
    K8S_CLUSTER("k8s-cluster-service", 9511, "/v1", K8sClusterApplication::application),
    COMPUTE_AGENT("compute-agent", 0, null, ComputeAgentApplication::application),
    PORTAL("portal", 8000, "/", PortalApplication::application);

    private final String module;
    private final int defaultPort;
    private final String apiRoot;
    private final Supplier<SpringApplicationBuilder> application;

    Service(String module, int defaultPort, String apiRoot, Supplier<SpringApplicationBuilder> application) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.apiRoot = apiRoot;
        this.application = application;
    }

    /** The Maven module and Spring config name, e.g. {@code compute-api}. */
    String module() {
        return module;
    }

    /** DESIGN.md's port; 0 (any free port) for the agent, which serves only health and metrics. */
    int defaultPort() {
        return defaultPort;
    }

    /** Where the API starts, for the banner; {@code null} when the service has no API. */
    String apiRoot() {
        return apiRoot;
    }

    /** The environment variable that sets this service's port, e.g. {@code CLOUD_PORT_COMPUTE_API}. */
    String portVariable() {
        return "CLOUD_PORT_" + name();
    }

    SpringApplicationBuilder application() {
        return application.get();
    }

    static Service ofModule(String module) {
        for (Service service : values()) {
            if (service.module.equals(module.trim().toLowerCase(Locale.ROOT))) {
                return service;
            }
        }
        throw new IllegalArgumentException("Unknown service '" + module + "'; known: " + java.util.Arrays.stream(values())
                .map(Service::module).toList());
    }
}
