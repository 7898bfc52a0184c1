package io.gpucloud.scheduler.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.messaging.contract.HostHeartbeat;
import io.gpucloud.scheduler.PlacementTestBase;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Heartbeats keep a host schedulable; silence marks it down (CUSTOM_COMPUTE_HOST_DOWN on its root, so no
 * candidate comes from it) and the next heartbeat brings it back, but never undoes an operator's disable.
 * Silence is made by moving the recorded heartbeat back in the database, not by waiting.
 */
class HostLivenessTest extends PlacementTestBase {

    private static final String V = "1.39";

    @Autowired
    HostLiveness liveness;

    @Autowired
    JdbcClient jdbc;

    private UUID gpuHost(String name) {
        UUID root = UUID.randomUUID();
        assertThat(placement.call("POST", "/resource_providers", V,
                "{\"name\": \"" + name + "\", \"uuid\": \"" + root + "\"}").status()).isEqualTo(200);
        assertThat(placement.call("PUT", "/resource_providers/" + root + "/inventories", V,
                "{\"resource_provider_generation\": 0, \"inventories\": {\"VCPU\": {\"total\": 64}, "
                        + "\"MEMORY_MB\": {\"total\": 262144}}}").status()).isEqualTo(200);
        return root;
    }

    private void heartbeat(String host, UUID root) {
        liveness.onHeartbeat(new HostHeartbeat(host, root, Instant.now(), 10, 0));
    }

    private void silence(String host, int seconds) {
        jdbc.sql("UPDATE compute_host SET last_heartbeat = now() - :seconds * interval '1 second' WHERE host = :host")
                .param("seconds", seconds).param("host", host).update();
    }

    private JsonNode traits(UUID root) {
        return placement.get("/resource_providers/" + root + "/traits", V).body().path("traits");
    }

    private boolean isCandidate(UUID root) {
        JsonNode candidates = placement.get("/allocation_candidates?resources=VCPU:1"
                + "&root_required=!COMPUTE_STATUS_DISABLED,!CUSTOM_COMPUTE_HOST_DOWN",
                V).body().path("provider_summaries");
        return candidates.has(root.toString());
    }

    @Test
    void aSilentHostIsMarkedDownAndComesBackWithItsNextHeartbeat() {
        UUID root = gpuHost("live-1");
        heartbeat("live-1", root);
        assertThat(liveness.markSilentHostsDown()).doesNotContain("live-1");
        assertThat(isCandidate(root)).isTrue();

        // Two missed 10-second heartbeats are not yet three (and 25 s is under the 30 s minimum).
        silence("live-1", 25);
        assertThat(liveness.markSilentHostsDown()).doesNotContain("live-1");

        silence("live-1", 45);
        assertThat(liveness.markSilentHostsDown()).containsExactly("live-1");
        assertThat(traits(root).toString()).contains("CUSTOM_COMPUTE_HOST_DOWN").doesNotContain("COMPUTE_STATUS_DISABLED");
        assertThat(isCandidate(root)).isFalse();
        assertThat(liveness.markSilentHostsDown()).as("marked once").doesNotContain("live-1");

        heartbeat("live-1", root);
        assertThat(traits(root).toString()).doesNotContain("CUSTOM_COMPUTE_HOST_DOWN");
        assertThat(isCandidate(root)).isTrue();
        assertThat(liveness.hosts()).filteredOn(host -> host.host().equals("live-1")).singleElement()
                .satisfies(host -> assertThat(host.down()).isFalse());
    }

    @Test
    void anOperatorsDisableSurvivesTheHostComingBack() {
        UUID root = gpuHost("live-2");
        heartbeat("live-2", root);
        int generation = placement.get("/resource_providers/" + root + "/traits", V).body()
                .path("resource_provider_generation").asInt();
        assertThat(placement.call("PUT", "/resource_providers/" + root + "/traits", V,
                "{\"resource_provider_generation\": " + generation + ", \"traits\": [\"COMPUTE_STATUS_DISABLED\"]}")
                .status()).isEqualTo(200);

        silence("live-2", 60);
        assertThat(liveness.markSilentHostsDown()).containsExactly("live-2");
        heartbeat("live-2", root);

        assertThat(traits(root).toString()).contains("COMPUTE_STATUS_DISABLED");
    }

    @Test
    void anOperatorsDisableWhileTheHostIsDownSurvivesItsReturn() {
        UUID root = gpuHost("live-4");
        heartbeat("live-4", root);
        silence("live-4", 60);
        assertThat(liveness.markSilentHostsDown()).containsExactly("live-4");

        // Meanwhile an operator disables it (os-services writes the standard trait beside the scheduler's marker).
        JsonNode now = placement.get("/resource_providers/" + root + "/traits", V).body();
        assertThat(placement.call("PUT", "/resource_providers/" + root + "/traits", V,
                "{\"resource_provider_generation\": " + now.path("resource_provider_generation").asInt()
                        + ", \"traits\": [\"CUSTOM_COMPUTE_HOST_DOWN\", \"COMPUTE_STATUS_DISABLED\"]}").status())
                .isEqualTo(200);
        heartbeat("live-4", root);

        assertThat(traits(root).toString()).contains("COMPUTE_STATUS_DISABLED").doesNotContain("CUSTOM_COMPUTE_HOST_DOWN");
        assertThat(isCandidate(root)).isFalse();
    }

    @Test
    void aHostDownKeepsItsOtherTraitsAndAllocations() {
        UUID root = gpuHost("live-3");
        heartbeat("live-3", root);
        UUID guest = UUID.randomUUID();
        assertThat(placement.call("PUT", "/allocations/" + guest, V, """
                {"allocations": {"%s": {"resources": {"VCPU": 8}}}, "project_id": "p", "user_id": "u",
                 "consumer_generation": null, "consumer_type": "INSTANCE"}""".formatted(root)).status())
                .isEqualTo(204);

        silence("live-3", 60);
        liveness.markSilentHostsDown();

        assertThat(placement.get("/allocations/" + guest, V).body().path("allocations").has(root.toString())).isTrue();
    }
}
