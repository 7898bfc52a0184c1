package io.gpucloud.compute.hypervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.auth.TokenSource;
import io.gpucloud.common.placement.Inventory;
import io.gpucloud.common.placement.PlacementClient;
import io.gpucloud.common.placement.Provider;
import io.gpucloud.common.compute.GpuTraits;
import io.gpucloud.common.messaging.contract.HostHeartbeat;
import io.gpucloud.compute.ComputeTestBase;
import io.gpucloud.compute.NovaClient;
import io.gpucloud.compute.host.HostStates;
import io.gpucloud.scheduler.RunningPlacement;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
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

    @org.springframework.beans.factory.annotation.Autowired
    HostStates hosts;

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

    @Test
    void anAdminDisablesAndForcesDownAHostThroughOsServicesAndPlacementFollows() {
        PlacementClient placement = PLACEMENT.client();
        String name = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        Provider root = placement.create(name, UUID.randomUUID(), null);
        placement.putInventories(root.uuid(), 0, Map.of("VCPU", Inventory.of(64, 0, 1.0)));
        hosts.onHeartbeat(new HostHeartbeat(name, root.uuid(), Instant.now(), 5, 0));
        String path = "/v2.1/os-services/" + root.uuid();

        NovaClient.Response disabled = nova.call("PUT", path, "2.53",
                "{\"status\": \"disabled\", \"disabled_reason\": \"GPU firmware update\"}");
        assertThat(disabled.status()).as(disabled.raw().body()).isEqualTo(200);
        assertThat(disabled.body().path("service").path("status").asString()).isEqualTo("disabled");
        assertThat(disabled.body().path("service").path("disabled_reason").asString()).isEqualTo("GPU firmware update");
        assertThat(placement.traits(root.uuid()).traits()).contains(GpuTraits.COMPUTE_STATUS_DISABLED);
        assertThat(nova.get("/v2.1/os-hypervisors/" + root.uuid(), "2.53").body().path("hypervisor").path("status")
                .asString()).isEqualTo("disabled");

        // Refused, and nothing changes: a reason with 'enabled', an unknown status, an unknown field, a member.
        for (String bad : List.of("{\"status\": \"enabled\", \"disabled_reason\": \"x\"}", "{\"status\": \"off\"}",
                "{\"zone\": \"az9\"}", "{}", "[]")) {
            NovaClient.Response refused = nova.call("PUT", path, "2.53", bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body().has("badRequest")).as(bad).isTrue();
        }
        assertThat(member("p").call("PUT", path, "2.53", "{\"status\": \"enabled\"}").status()).isEqualTo(403);
        assertThat(nova.call("PUT", "/v2.1/os-services/" + UUID.randomUUID(), "2.53", "{\"status\": \"enabled\"}")
                .status()).isEqualTo(404);
        assertThat(placement.traits(root.uuid()).traits()).contains(GpuTraits.COMPUTE_STATUS_DISABLED);

        NovaClient.Response forced = nova.call("PUT", path, "2.53", "{\"forced_down\": true}");
        assertThat(forced.body().path("service").path("state").asString()).isEqualTo("down");
        assertThat(hosts.isDown(name)).isTrue();
        nova.call("PUT", path, "2.53", "{\"forced_down\": false, \"status\": \"enabled\"}");
        assertThat(placement.traits(root.uuid()).traits()).doesNotContain(GpuTraits.COMPUTE_STATUS_DISABLED);
        assertThat(hosts.isDown(name)).isFalse();

        // Before 2.53: by host and binary.
        String byHost = "{\"host\": \"" + name + "\", \"binary\": \"nova-compute\"}";
        NovaClient.Response legacy = nova.call("PUT", "/v2.1/os-services/disable", "2.1", byHost);
        assertThat(legacy.status()).as(legacy.raw().body()).isEqualTo(200);
        assertThat(legacy.body().path("service").path("status").asString()).isEqualTo("disabled");
        assertThat(placement.traits(root.uuid()).traits()).contains(GpuTraits.COMPUTE_STATUS_DISABLED);
        assertThat(nova.call("PUT", "/v2.1/os-services/enable", "2.1", byHost).status()).isEqualTo(200);
        assertThat(placement.traits(root.uuid()).traits()).doesNotContain(GpuTraits.COMPUTE_STATUS_DISABLED);
    }
}
