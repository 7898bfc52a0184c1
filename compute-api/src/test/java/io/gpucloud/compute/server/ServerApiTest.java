package io.gpucloud.compute.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.HostHeartbeat;
import io.gpucloud.common.messaging.contract.InstanceScheduled;
import io.gpucloud.common.messaging.contract.InstanceStateChanged;
import io.gpucloud.common.messaging.contract.NoValidHost;
import io.gpucloud.compute.ComputeTestBase;
import io.gpucloud.compute.NovaClient;
import io.gpucloud.compute.host.HostStates;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Servers through the API against the real database: create (with every refusal storing nothing), the lifecycle
 * as the scheduler's and the hosts' events arrive (applied here in transactions, as the consumer does), actions,
 * delete, listing, visibility across projects, and quotas. What would be sent is read from the outbox.
 */
class ServerApiTest extends ComputeTestBase {

    private static final String V = "2.79";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ServerEvents events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DataSource dataSource;

    @Autowired
    HostStates hosts;

    private String project;
    private NovaClient alice;
    private String flavorId;
    private String imageId;

    @BeforeEach
    void gpuFlavorAndImage() {
        project = "p-" + UUID.randomUUID().toString().substring(0, 8);
        alice = member(project);
        flavorId = "gpu-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(nova.call("POST", "/v2.1/flavors", V, """
                {"flavor": {"name": "%s", "id": "%s", "vcpus": 8, "ram": 65536, "disk": 100}}""".formatted(flavorId,
                flavorId)).status()).isEqualTo(200);
        assertThat(nova.call("POST", "/v2.1/flavors/" + flavorId + "/os-extra_specs", V, """
                {"extra_specs": {"resources:PGPU": "2", "trait:CUSTOM_GPU_NVIDIA_A100_80GB": "required"}}""")
                .status()).isEqualTo(200);
        NovaClient.Response image = alice.call("POST", "/image/v2/images", null, """
                {"name": "ubuntu", "disk_format": "qcow2", "container_format": "bare"}""");
        assertThat(image.status()).isEqualTo(201);
        imageId = image.body().path("id").asString();
        assertThat(alice.send("PUT", "/image/v2/images/" + imageId + "/file", "application/octet-stream",
                "not really qcow2".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(204);
    }

    private UUID create(NovaClient client, String name) {
        NovaClient.Response created = client.call("POST", "/v2.1/servers", V, """
                {"server": {"name": "%s", "flavorRef": "%s", "imageRef": "%s", "networks": "none",
                            "metadata": {"team": "vision"}}}""".formatted(name, flavorId, imageId));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(202);
        assertThat(created.body().path("server").path("adminPass").asString()).isNotBlank();
        return UUID.fromString(created.body().path("server").path("id").asString());
    }

    private JsonNode show(NovaClient client, UUID server) {
        NovaClient.Response shown = client.get("/v2.1/servers/" + server, V);
        assertThat(shown.status()).isEqualTo(200);
        return shown.body().path("server");
    }

    private void inTransaction(Runnable work) {
        transactions.executeWithoutResult(status -> work.run());
    }

    private void scheduledOn(UUID server, String host) {
        inTransaction(() -> events.onScheduled(new InstanceScheduled(server, host, UUID.randomUUID(), 1, List.of(
                new BuildInstance.ClaimedGpu(UUID.randomUUID(), host + "_pci_0000_17_00_0", "PGPU", 1, Set.of()),
                new BuildInstance.ClaimedGpu(UUID.randomUUID(), host + "_pci_0000_31_00_0", "PGPU", 1, Set.of())))));
    }

    private void hostSays(UUID server, String host, InstanceStateChanged.State state, String reason) {
        inTransaction(() -> events.onStateChanged(new InstanceStateChanged(server, host, state, reason,
                "instance-" + server, Instant.now())));
    }

    private List<String> outbox(String type, UUID server) {
        return jdbc.sql("SELECT routing_key FROM outbox WHERE message_type = :type AND body::text LIKE :id ORDER BY id")
                .param("type", type).param("id", "%" + server + "%").query(String.class).list();
    }

    @Test
    void aGpuServerIsScheduledBuiltStoppedStartedAndDeleted() {
        UUID server = create(alice, "train-1");

        JsonNode building = show(alice, server);
        assertThat(building.path("status").asString()).isEqualTo("BUILD");
        assertThat(building.path("OS-EXT-STS:task_state").asString()).isEqualTo("scheduling");
        assertThat(building.path("hostId").asString()).isEmpty();
        assertThat(building.path("flavor").path("original_name").asString()).isEqualTo(flavorId);
        assertThat(building.path("flavor").path("extra_specs").path("resources:PGPU").asString()).isEqualTo("2");
        assertThat(building.path("metadata").path("team").asString()).isEqualTo("vision");
        assertThat(building.has("OS-EXT-SRV-ATTR:host")).as("members do not see hosts").isFalse();
        assertThat(outbox("ScheduleInstance", server)).containsExactly("scheduler.schedule");

        scheduledOn(server, "gpu-node-7");
        assertThat(show(alice, server).path("OS-EXT-STS:task_state").asString()).isEqualTo("spawning");
        hostSays(server, "gpu-node-7", InstanceStateChanged.State.ACTIVE, null);

        JsonNode active = show(alice, server);
        assertThat(active.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(active.path("OS-EXT-STS:power_state").asInt()).isEqualTo(1);
        assertThat(active.path("OS-EXT-STS:task_state").isNull()).isTrue();
        assertThat(active.path("hostId").asString()).hasSize(56);
        assertThat(active.path("OS-SRV-USG:launched_at").asString()).isNotEmpty();
        JsonNode asAdmin = show(nova, server);
        assertThat(asAdmin.path("OS-EXT-SRV-ATTR:host").asString()).isEqualTo("gpu-node-7");
        assertThat(asAdmin.path("gpucloud:gpus")).hasSize(2);

        assertThat(alice.call("POST", "/v2.1/servers/" + server + "/action", V, "{\"os-stop\": null}").status())
                .isEqualTo(202);
        assertThat(show(alice, server).path("OS-EXT-STS:task_state").asString()).isEqualTo("powering-off");
        NovaClient.Response again = alice.call("POST", "/v2.1/servers/" + server + "/action", V,
                "{\"os-stop\": null}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().has("conflictingRequest")).isTrue();
        hostSays(server, "gpu-node-7", InstanceStateChanged.State.SHUTOFF, null);
        assertThat(show(alice, server).path("status").asString()).isEqualTo("SHUTOFF");
        assertThat(alice.call("POST", "/v2.1/servers/" + server + "/action", V, "{\"os-start\": null}").status())
                .isEqualTo(202);
        hostSays(server, "gpu-node-7", InstanceStateChanged.State.ACTIVE, null);
        assertThat(alice.call("POST", "/v2.1/servers/" + server + "/action", V,
                "{\"reboot\": {\"type\": \"HARD\"}}").status()).isEqualTo(202);
        assertThat(show(alice, server).path("status").asString()).isEqualTo("HARD_REBOOT");
        hostSays(server, "gpu-node-7", InstanceStateChanged.State.ACTIVE, null);
        assertThat(outbox("InstanceAction", server)).containsExactly("compute.gpu-node-7.action",
                "compute.gpu-node-7.action", "compute.gpu-node-7.action");

        assertThat(alice.call("DELETE", "/v2.1/servers/" + server, V, null).status()).isEqualTo(204);
        assertThat(show(alice, server).path("OS-EXT-STS:task_state").asString()).isEqualTo("deleting");
        hostSays(server, "gpu-node-7", InstanceStateChanged.State.DELETED, null);
        assertThat(alice.get("/v2.1/servers/" + server, V).status()).isEqualTo(404);
        assertThat(outbox("InstanceDeleted", server)).containsExactly("instance.deleted");
        // A late report about a deleted server changes nothing.
        hostSays(server, "gpu-node-7", InstanceStateChanged.State.ACTIVE, null);
        assertThat(alice.get("/v2.1/servers/" + server, V).status()).isEqualTo(404);
    }

    @Test
    void noValidHostIsAnErrorWithTheSchedulersReasonAndDeletingItIsImmediate() {
        UUID server = create(alice, "too-big");

        inTransaction(() -> events.onNoValidHost(new NoValidHost(server, project,
                "no host has 2 free A100-80GB: 12 hosts have A100-80GB, 0 with 2 free", 0)));

        JsonNode failed = show(alice, server);
        assertThat(failed.path("status").asString()).isEqualTo("ERROR");
        assertThat(failed.path("fault").path("code").asInt()).isEqualTo(500);
        assertThat(failed.path("fault").path("message").asString()).contains("0 with 2 free");
        assertThat(alice.call("DELETE", "/v2.1/servers/" + server, V, null).status()).isEqualTo(204);
        assertThat(alice.get("/v2.1/servers/" + server, V).status()).isEqualTo(404);
        assertThat(outbox("InstanceDeleted", server)).hasSize(1);
        assertThat(outbox("InstanceAction", server)).isEmpty();
    }

    @Test
    void aServerOnADeadHostIsDeletedAtOnceAndItsHostToldForWhenItIsBack() {
        String dead = "gpu-node-dead-" + project;
        String live = "gpu-node-live-" + project;
        hosts.onHeartbeat(new HostHeartbeat(dead, UUID.randomUUID(), Instant.now().minusSeconds(600), 5, 1));
        hosts.onHeartbeat(new HostHeartbeat(live, UUID.randomUUID(), Instant.now(), 5, 1));
        UUID onDead = create(alice, "on-dead");
        UUID onLive = create(alice, "on-live");
        scheduledOn(onDead, dead);
        hostSays(onDead, dead, InstanceStateChanged.State.ACTIVE, null);
        scheduledOn(onLive, live);
        hostSays(onLive, live, InstanceStateChanged.State.ACTIVE, null);

        assertThat(alice.call("DELETE", "/v2.1/servers/" + onDead, V, null).status()).isEqualTo(204);
        assertThat(alice.call("DELETE", "/v2.1/servers/" + onLive, V, null).status()).isEqualTo(204);

        // The dead host's server is gone now (its claim released by the scheduler on InstanceDeleted); the
        // delete command waits in the host's queue. The live host's server waits for its host to say so.
        assertThat(alice.get("/v2.1/servers/" + onDead, V).status()).isEqualTo(404);
        assertThat(outbox("InstanceDeleted", onDead)).containsExactly("instance.deleted");
        assertThat(outbox("InstanceAction", onDead)).containsExactly("compute." + dead + ".action");
        assertThat(show(alice, onLive).path("OS-EXT-STS:task_state").asString()).isEqualTo("deleting");
        assertThat(outbox("InstanceDeleted", onLive)).isEmpty();
        // When the dead host comes back and deletes the guest, its late report changes nothing.
        hostSays(onDead, dead, InstanceStateChanged.State.DELETED, null);
        assertThat(alice.get("/v2.1/servers/" + onDead, V).status()).isEqualTo(404);
        assertThat(outbox("InstanceDeleted", onDead)).hasSize(1);

        NovaClient.Response services = nova.get("/v2.1/os-services?host=" + dead, V);
        assertThat(services.status()).isEqualTo(200);
        assertThat(services.body().path("services")).hasSize(1);
        JsonNode service = services.body().path("services").get(0);
        assertThat(service.path("binary").asString()).isEqualTo("nova-compute");
        assertThat(service.path("state").asString()).isEqualTo("down");
        assertThat(service.path("status").asString()).isEqualTo("enabled");
        assertThat(nova.get("/v2.1/os-services?host=" + live, V).body().path("services").get(0).path("state")
                .asString()).isEqualTo("up");
        assertThat(nova.get("/v2.1/os-services?host=" + live, "2.1").body().path("services").get(0).path("id")
                .isInt()).isTrue();
        assertThat(alice.get("/v2.1/os-services", V).status()).isEqualTo(403);
    }

    @Test
    void badRequestsAreRefusedWithNovaFaultsAndStoreNothing() {
        long before = jdbc.sql("SELECT count(*) FROM instance").query(Long.class).single();
        Map<String, String> bodies = Map.of(
                "unknown flavor", """
                        {"server": {"name": "x", "flavorRef": "nope", "imageRef": "%s", "networks": "none"}}"""
                        .formatted(imageId),
                "unknown image", """
                        {"server": {"name": "x", "flavorRef": "%s", "imageRef": "%s", "networks": "none"}}"""
                        .formatted(flavorId, UUID.randomUUID()),
                "no name", """
                        {"server": {"flavorRef": "%s", "imageRef": "%s", "networks": "none"}}"""
                        .formatted(flavorId, imageId),
                "networks missing at 2.37+", """
                        {"server": {"name": "x", "flavorRef": "%s", "imageRef": "%s"}}""".formatted(flavorId, imageId),
                "bad user data", """
                        {"server": {"name": "x", "flavorRef": "%s", "imageRef": "%s", "networks": "none",
                                    "user_data": "***not base64***"}}""".formatted(flavorId, imageId),
                "unknown key", """
                        {"server": {"name": "x", "flavorRef": "%s", "imageRef": "%s", "networks": "none",
                                    "key_name": "nobody"}}""".formatted(flavorId, imageId),
                "unknown zone", """
                        {"server": {"name": "x", "flavorRef": "%s", "imageRef": "%s", "networks": "none",
                                    "availability_zone": "mars"}}""".formatted(flavorId, imageId),
                "unknown group", """
                        {"server": {"name": "x", "flavorRef": "%s", "imageRef": "%s", "networks": "none"},
                         "os:scheduler_hints": {"group": "%s"}}""".formatted(flavorId, imageId, UUID.randomUUID()));
        bodies.forEach((what, body) -> {
            NovaClient.Response refused = alice.call("POST", "/v2.1/servers", V, body);
            assertThat(refused.status()).as(what).isEqualTo(400);
            assertThat(refused.body().has("badRequest")).as(what).isTrue();
        });
        assertThat(jdbc.sql("SELECT count(*) FROM instance").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void anotherProjectCannotSeeActOnOrDeleteAServer() {
        UUID server = create(alice, "private");
        NovaClient bob = member("other-" + project);

        assertThat(bob.get("/v2.1/servers/" + server, V).status()).isEqualTo(404);
        assertThat(bob.call("POST", "/v2.1/servers/" + server + "/action", V, "{\"os-stop\": null}").status())
                .isEqualTo(404);
        assertThat(bob.call("DELETE", "/v2.1/servers/" + server, V, null).status()).isEqualTo(404);
        assertThat(bob.get("/v2.1/servers?all_tenants=1", V).body().path("servers").toString())
                .doesNotContain(server.toString());
        assertThat(alice.get("/v2.1/servers", V).body().path("servers").toString()).contains(server.toString());
        assertThat(nova.get("/v2.1/servers/detail?all_tenants=1", V).body().path("servers").toString())
                .contains(server.toString());
    }

    @Test
    void listingsPageNewestFirstAndFilter() {
        UUID first = create(alice, "page-a");
        UUID second = create(alice, "page-b");
        UUID third = create(alice, "other-c");

        JsonNode page = alice.get("/v2.1/servers?limit=2", V).body();
        assertThat(page.path("servers")).extracting(s -> s.path("id").asString())
                .containsExactly(third.toString(), second.toString());
        assertThat(page.path("servers_links").get(0).path("href").asString()).contains("marker=" + second);
        JsonNode next = alice.get("/v2.1/servers?limit=2&marker=" + second, V).body();
        assertThat(next.path("servers")).extracting(s -> s.path("id").asString()).containsExactly(first.toString());
        assertThat(alice.get("/v2.1/servers?name=%5Epage-", V).body().path("servers")).hasSize(2);
        assertThat(alice.get("/v2.1/servers/detail?status=BUILD", V).body().path("servers")).hasSize(3);
        assertThat(alice.get("/v2.1/servers?status=ACTIVE", V).body().path("servers")).isEmpty();
        assertThat(alice.get("/v2.1/servers?status=SLEEPING", V).status()).isEqualTo(400);
    }

    @Test
    void quotasLimitInstancesCoresAndGpusAndSayByHowMuch() {
        assertThat(nova.call("PUT", "/v2.1/os-quota-sets/" + project, V,
                "{\"quota_set\": {\"class:PGPU\": 4, \"cores\": 100}}").status()).isEqualTo(200);
        assertThat(alice.call("PUT", "/v2.1/os-quota-sets/" + project, V,
                "{\"quota_set\": {\"cores\": 1000}}").status()).as("members cannot raise quotas").isEqualTo(403);
        create(alice, "q-1");
        create(alice, "q-2");

        NovaClient.Response over = alice.call("POST", "/v2.1/servers", V, """
                {"server": {"name": "q-3", "flavorRef": "%s", "imageRef": "%s", "networks": "none"}}"""
                .formatted(flavorId, imageId));

        assertThat(over.status()).isEqualTo(403);
        assertThat(over.faultMessage()).isEqualTo("Quota exceeded for class:PGPU: Requested 2, but already used 4"
                + " of 4 class:PGPU (over by 2)");
        assertThat(alice.get("/v2.1/servers", V).body().path("servers")).hasSize(2);
        JsonNode detail = alice.get("/v2.1/os-quota-sets/" + project + "/detail", V).body().path("quota_set");
        assertThat(detail.path("class:PGPU").path("in_use").asInt()).isEqualTo(4);
        assertThat(detail.path("cores").path("in_use").asInt()).isEqualTo(16);
    }

    @Test
    void onlyCreatesThatAskForSomethingLimitedWaitForTheProjectsOtherCreates() throws Exception {
        assertThat(nova.call("PUT", "/v2.1/os-quota-sets/" + project, V,
                "{\"quota_set\": {\"instances\": -1, \"cores\": -1, \"ram\": -1}}").status()).isEqualTo(200);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        // Another create of the project holds the project's quota lock, as if it were between its count and commit.
        try (Connection other = dataSource.getConnection()) {
            other.createStatement().execute("SELECT pg_advisory_lock(" + 0x9407 + ", " + project.hashCode() + ")");

            Future<UUID> unlimited = executor.submit(() -> create(alice, "free-1"));
            assertThat(unlimited.get(20, TimeUnit.SECONDS)).as("nothing limited: no wait").isNotNull();

            assertThat(nova.call("PUT", "/v2.1/os-quota-sets/" + project, V,
                    "{\"quota_set\": {\"class:PGPU\": 100}}").status()).isEqualTo(200);
            Future<UUID> limited = executor.submit(() -> create(alice, "counted-1"));
            Thread.sleep(500);
            assertThat(limited).as("a GPU limit: counted under the lock").isNotDone();

            other.createStatement().execute("SELECT pg_advisory_unlock_all()");
            assertThat(limited.get(20, TimeUnit.SECONDS)).isNotNull();
        } finally {
            executor.shutdownNow();
        }
        assertThat(alice.get("/v2.1/servers", V).body().path("servers")).hasSize(2);
    }

    @Test
    void serverGroupsAcceptBothShapesAndListTheirMembers() {
        NovaClient.Response old = alice.call("POST", "/v2.1/os-server-groups", "2.1",
                "{\"server_group\": {\"name\": \"spread\", \"policies\": [\"anti-affinity\"]}}");
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.body().path("server_group").path("policies").get(0).asString()).isEqualTo("anti-affinity");
        NovaClient.Response newer = alice.call("POST", "/v2.1/os-server-groups", V, """
                {"server_group": {"name": "spread3", "policy": "anti-affinity",
                                  "rules": {"max_server_per_host": 3}}}""");
        assertThat(newer.body().path("server_group").path("rules").path("max_server_per_host").asInt()).isEqualTo(3);
        String group = newer.body().path("server_group").path("id").asString();

        NovaClient.Response created = alice.call("POST", "/v2.1/servers", V, """
                {"server": {"name": "member", "flavorRef": "%s", "imageRef": "%s", "networks": "none"},
                 "os:scheduler_hints": {"group": "%s"}}""".formatted(flavorId, imageId, group));
        assertThat(created.status()).isEqualTo(202);
        String member = created.body().path("server").path("id").asString();
        assertThat(alice.get("/v2.1/os-server-groups/" + group, V).body().path("server_group").path("members")
                .get(0).asString()).isEqualTo(member);
        assertThat(jdbc.sql("SELECT body::text FROM outbox WHERE message_type = 'ScheduleInstance' AND body::text LIKE :id")
                .param("id", "%" + member + "%").query(String.class).single()).contains("\"maxServerPerHost\": 3");
        assertThat(alice.call("POST", "/v2.1/os-server-groups", V,
                "{\"server_group\": {\"name\": \"x\", \"policy\": \"clumped\"}}").status()).isEqualTo(400);
    }

    @Test
    void gpuHoursCountFromActiveToDeletionPerProjectAndUser() {
        UUID server = create(alice, "usage-1");
        UUID neverActive = create(alice, "usage-2");
        scheduledOn(server, "gpu-node-9");
        Instant threeHoursAgo = Instant.now().minus(java.time.Duration.ofHours(3));
        inTransaction(() -> events.onStateChanged(new InstanceStateChanged(server, "gpu-node-9",
                InstanceStateChanged.State.ACTIVE, null, "instance-" + server, threeHoursAgo)));
        assertThat(alice.call("DELETE", "/v2.1/servers/" + server, V, null).status()).isEqualTo(204);
        hostSays(server, "gpu-node-9", InstanceStateChanged.State.DELETED, null);

        JsonNode usage = alice.get("/v2.1/os-simple-tenant-usage/" + project, V).body().path("tenant_usage");

        assertThat(usage.path("total_gpu_hours").asDouble()).isCloseTo(6.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(usage.path("gpu_hours_by_user").path("user-of-" + project).asDouble())
                .isCloseTo(6.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(usage.path("gpu_hours_by_class").path("PGPU").asDouble())
                .isCloseTo(6.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(usage.path("total_vcpus_usage").asDouble()).isCloseTo(24.0, org.assertj.core.data.Offset.offset(0.2));
        assertThat(usage.path("server_usages")).hasSize(2);
        JsonNode ended = usage.path("server_usages").get(0);
        assertThat(ended.path("instance_id").asString()).isEqualTo(server.toString());
        assertThat(ended.path("state").asString()).isEqualTo("terminated");
        assertThat(usage.path("server_usages").get(1).path("gpu_hours").asDouble()).as("never active").isZero();
        assertThat(usage.path("server_usages").get(1).path("instance_id").asString()).isEqualTo(neverActive.toString());
        assertThat(alice.get("/v2.1/os-simple-tenant-usage", V).status()).as("all projects: admins only")
                .isEqualTo(403);
        assertThat(member("someone-else").get("/v2.1/os-simple-tenant-usage/" + project, V).status()).isEqualTo(403);
        assertThat(nova.get("/v2.1/os-simple-tenant-usage?detailed=1", V).body().path("tenant_usages").toString())
                .contains(project);
    }
}
