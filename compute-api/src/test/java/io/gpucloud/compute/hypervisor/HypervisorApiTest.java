package io.gpucloud.compute.hypervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.auth.TokenSource;
import io.gpucloud.common.placement.Inventory;
import io.gpucloud.common.placement.PlacementClient;
import io.gpucloud.common.placement.Provider;
import io.gpucloud.compute.ComputeTestBase;
import io.gpucloud.scheduler.RunningPlacement;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** os-hypervisors read from the real Placement API: a GPU host with 8 GPUs, 2 of them claimed. */
@org.springframework.context.annotation.Import(HypervisorApiTest.ServiceAccount.class)
class HypervisorApiTest extends ComputeTestBase {

    private static final RunningPlacement PLACEMENT = new RunningPlacement();

    @DynamicPropertySource
    static void placement(DynamicPropertyRegistry registry) {
        registry.add("cloud.compute.placement-url", PLACEMENT::baseUrl);
    }

    @AfterAll
    static void stopPlacement() {
        PLACEMENT.close();
    }

    @TestConfiguration
    static class ServiceAccount {
        @Bean
        TokenSource placementTokens() {
            return RunningPlacement.adminTokens();
        }
    }

    @Test
    void adminsSeeEachHostWithItsGpusAndWhatIsUsed() throws Exception {
        PlacementClient placement = PLACEMENT.client();
        String name = "hv-" + UUID.randomUUID().toString().substring(0, 8);
        Provider root = placement.create(name, UUID.randomUUID(), null);
        placement.putInventories(root.uuid(), 0, Map.of("VCPU", Inventory.of(64, 0, 1.0),
                "MEMORY_MB", Inventory.of(262144, 0, 1.0), "DISK_GB", Inventory.of(1000, 0, 1.0)));
        UUID[] gpus = new UUID[8];
        for (int i = 0; i < 8; i++) {
            gpus[i] = placement.create(name + "_gpu" + i, UUID.randomUUID(), root.uuid()).uuid();
            placement.putInventories(gpus[i], 0, Map.of("PGPU", Inventory.of(1, 0, 1.0)));
        }
        String allocation = """
                {"allocations": {"%s": {"resources": {"VCPU": 8, "MEMORY_MB": 65536}},
                                 "%s": {"resources": {"PGPU": 1}}, "%s": {"resources": {"PGPU": 1}}},
                 "project_id": "p", "user_id": "u", "consumer_generation": null, "consumer_type": "INSTANCE"}"""
                .formatted(root.uuid(), gpus[0], gpus[1]);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(PLACEMENT.baseUrl()
                        + "/allocations/" + UUID.randomUUID())).header("X-Auth-Token", RunningPlacement.TOKENS.admin())
                .header("OpenStack-API-Version", "placement 1.39").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(allocation)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(204);

        JsonNode hosts = nova.get("/v2.1/os-hypervisors/detail", "2.53").body().path("hypervisors");
        JsonNode host = null;
        for (JsonNode candidate : hosts) {
            if (candidate.path("hypervisor_hostname").asString().equals(name)) {
                host = candidate;
            }
        }
        assertThat(host).isNotNull();
        assertThat(host.path("id").asString()).isEqualTo(root.uuid().toString());
        assertThat(host.path("vcpus").asInt()).isEqualTo(64);
        assertThat(host.path("vcpus_used").asInt()).isEqualTo(8);
        assertThat(host.path("memory_mb_used").asInt()).isEqualTo(65536);
        assertThat(host.path("running_vms").asInt()).isEqualTo(1);
        assertThat(host.path("status").asString()).isEqualTo("enabled");
        assertThat(host.path("gpus").path("PGPU").path("total").asInt()).isEqualTo(8);
        assertThat(host.path("gpus").path("PGPU").path("used").asInt()).isEqualTo(2);
        assertThat(nova.get("/v2.1/os-hypervisors/" + root.uuid(), "2.53").body().path("hypervisor")
                .path("hypervisor_hostname").asString()).isEqualTo(name);
        assertThat(nova.get("/v2.1/os-hypervisors/statistics", null).body().path("hypervisor_statistics")
                .path("gpus").path("PGPU").path("used").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(member("p").get("/v2.1/os-hypervisors", null).status()).isEqualTo(403);
    }
}
