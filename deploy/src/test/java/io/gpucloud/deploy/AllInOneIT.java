package io.gpucloud.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole cloud started as a user starts it ({@code deploy/all-in-one.sh}: the packaged jar, embedded
 * PostgreSQL and broker, a fresh data directory), then driven by the real Debian {@code openstack} CLI
 * with the {@code openrc} the launcher wrote. Runs after {@code package}, as a failsafe integration test.
 */
class AllInOneIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static LaunchedCloud cloud;
    private static Path data;

    @BeforeAll
    static void startTheCloudAsAUserWould() throws Exception {
        cloud = LaunchedCloud.start(Map.of());
        data = cloud.workDirectory();
    }

    @AfterAll
    static void stopTheCloud() throws Exception {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void everyServiceAnswersItsHealthAndVersionDocument() throws Exception {
        for (Service service : Service.values()) {
            assertThat(cloud.get(service, "/actuator/health").statusCode()).as(service.module()).isEqualTo(200);
        }
        assertThat(cloud.get(Service.IDENTITY, "/v3").body()).contains("\"id\":\"v3.14\"");
        assertThat(cloud.get(Service.COMPUTE_API, "/v2.1").body()).contains("\"id\":\"v2.1\"");
        assertThat(cloud.get(Service.OBJECT_STORAGE, "/info").body()).contains("swift");
        assertThat(cloud.get(Service.IDENTITY, "/actuator/prometheus").body()).contains("service=\"identity\"");
        assertThat(cloud.output()).contains("source " + cloud.openrc() + " && openstack token issue");
    }

    @Test
    void theOpenstackClientManagesIdentityAndAuthenticatesWithAnApplicationCredential() throws Exception {
        assertThat(cloud.cli("token issue -f value -c id")).startsWith("gc1.");

        String catalog = cloud.cli("catalog list -f json");
        JsonNode services = JSON.readTree(catalog);
        List<String> types = new ArrayList<>();
        services.forEach(s -> types.add(s.path("Type").asString()));
        assertThat(types).contains("identity", "compute", "image", "placement", "volumev3", "object-store",
                "baremetal", "container-infra");
        assertThat(catalog).contains(":" + cloud.port(Service.COMPUTE_API) + "/v2.1");

        String suffix = Long.toString(System.nanoTime(), 36);
        assertThat(cloud.cli("project create --description 'vision team' vision-" + suffix + " -f value -c name"))
                .isEqualTo("vision-" + suffix);
        assertThat(cloud.cli("user create --project vision-" + suffix + " --password pw-" + suffix
                + " alice-" + suffix + " -f value -c name")).isEqualTo("alice-" + suffix);
        cloud.cli("role add --project vision-" + suffix + " --user alice-" + suffix + " member");
        assertThat(cloud.cli("role assignment list --user alice-" + suffix + " --names -f value -c Role"))
                .isEqualTo("member");

        String asAlice = "export OS_USERNAME=alice-" + suffix + " OS_PASSWORD=pw-" + suffix
                + " OS_PROJECT_NAME=vision-" + suffix;
        JsonNode credential = JSON.readTree(cloud.cli(asAlice + " && openstack application credential create"
                + " notebook -f json"));
        String id = credential.path("id").asString();
        String secret = credential.path("secret").asString();
        assertThat(secret).isNotBlank();

        String withCredential = "unset OS_USERNAME OS_PASSWORD OS_PROJECT_NAME OS_USER_DOMAIN_NAME"
                + " OS_PROJECT_DOMAIN_NAME && export OS_AUTH_TYPE=v3applicationcredential"
                + " OS_APPLICATION_CREDENTIAL_ID=" + id + " OS_APPLICATION_CREDENTIAL_SECRET=" + secret;
        String projectId = cloud.cli("project show vision-" + suffix + " -f value -c id");
        assertThat(cloud.cli(withCredential + " && openstack token issue -f value -c project_id")).isEqualTo(projectId);
        assertThat(cloud.cliFails(asAlice + " && openstack user list")).contains("HTTP 403");
    }

    @Test
    void theSimulatedGpuHostsRegisterThemselvesInPlacement() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String providers = "";
        while (System.nanoTime() < deadline) {
            providers = cloud.cli("resource provider list -f value -c name");
            if (providers.contains("sim-h100-8x-sxm_pci_") && providers.contains("sim-a100-8x-2numa_pci_")
                    && providers.contains("sim-l40s-4x_pci_") && providers.contains("sim-cpu-only")) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(providers.lines().filter(name -> name.startsWith("sim-h100-8x-sxm_pci_"))).hasSize(8);
        assertThat(providers.lines().filter(name -> name.startsWith("sim-l40s-4x_pci_"))).hasSize(4);
        assertThat(providers.lines()).contains("sim-cpu-only");
        String h100 = cloud.cli("resource provider list --name sim-h100-8x-sxm -f value -c uuid");
        assertThat(cloud.cli("resource provider inventory list " + h100 + " -f value -c resource_class"))
                .contains("VCPU", "MEMORY_MB", "DISK_GB");
        // Their heartbeats reach the compute API too: each host is an up nova-compute service.
        String services = "";
        deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (services.lines().count() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            services = cloud.cli("compute service list -f value -c Binary -c Host -c State");
        }
        assertThat(services.lines()).contains("nova-compute sim-a100-8x-2numa up", "nova-compute sim-h100-8x-sxm up",
                "nova-compute sim-l40s-4x up", "nova-compute sim-cpu-only up");
        // An operator drains a host: disabled in os-services is COMPUTE_STATUS_DISABLED in Placement, and back.
        String l40s = cloud.cli("resource provider list --name sim-l40s-4x -f value -c uuid");
        cloud.cli("compute service set --disable --disable-reason 'GPU firmware update' sim-l40s-4x nova-compute");
        assertThat(cloud.cli("compute service list --host sim-l40s-4x -f value -c Status")).isEqualTo("disabled");
        assertThat(cloud.cli("--os-placement-api-version 1.6 resource provider trait list " + l40s + " -f value"))
                .contains("COMPUTE_STATUS_DISABLED");
        cloud.cli("compute service set --enable sim-l40s-4x nova-compute");
        assertThat(cloud.cli("compute service list --host sim-l40s-4x -f value -c Status")).isEqualTo("enabled");
        assertThat(cloud.cli("--os-placement-api-version 1.6 resource provider trait list " + l40s + " -f value"))
                .doesNotContain("COMPUTE_STATUS_DISABLED");
    }

    @Test
    void theOpenstackClientWithOscPlacementBuildsAGpuHostAndClaimsAGpu() throws Exception {
        String root = cloud.cli("resource provider create it-host -f value -c uuid");
        String gpu = cloud.cli("--os-placement-api-version 1.14 resource provider create it-host-gpu0 --parent-provider "
                + root + " -f value -c uuid");
        cloud.cli("resource provider inventory set " + root + " --resource VCPU=64 --resource MEMORY_MB=524288");
        cloud.cli("resource provider inventory set " + gpu + " --resource PGPU=1");
        // Its own trait: the simulated hosts' agents register A100s too.
        cloud.cli("--os-placement-api-version 1.6 trait create CUSTOM_IT_GPU");
        cloud.cli("--os-placement-api-version 1.6 resource provider trait set --trait CUSTOM_IT_GPU " + gpu);
        cloud.cli("--os-placement-api-version 1.2 resource class create CUSTOM_MIG_1G_10GB");

        JsonNode candidates = JSON.readTree(cloud.cli("--os-placement-api-version 1.17 allocation candidate list"
                + " --resource PGPU=1 --required CUSTOM_IT_GPU -f json"));
        assertThat(candidates.size()).isEqualTo(1);
        assertThat(candidates.get(0).path("resource provider").asString()).isEqualTo(gpu);

        String consumer = java.util.UUID.randomUUID().toString();
        cloud.cli("--os-placement-api-version 1.12 resource provider allocation set " + consumer + " --allocation rp="
                + gpu + ",PGPU=1 --allocation rp=" + root + ",VCPU=8 --project-id it-project --user-id it-user");
        assertThat(cloud.cli("resource provider usage show " + gpu + " -f value")).isEqualTo("PGPU 1");
        assertThat(cloud.cli("--os-placement-api-version 1.17 allocation candidate list --resource PGPU=1"
                + " --required CUSTOM_IT_GPU -f value")).as("the only such GPU is taken").isEmpty();
        assertThat(cloud.cliFails("resource provider delete " + gpu)).contains("409");

        cloud.cli("resource provider allocation delete " + consumer);
        assertThat(cloud.cli("resource provider usage show " + gpu + " -f value")).isEqualTo("PGPU 0");
        cloud.cli("resource provider delete " + gpu);
        assertThat(cloud.cli("resource provider list -f value -c name")).contains("it-host").doesNotContain("it-host-gpu0");
    }

    @Test
    void awscliUsesAnEc2CredentialFromIdentityAgainstTheS3Api() throws Exception {
        JsonNode credential = JSON.readTree(cloud.cli("ec2 credentials create -f json"));
        String access = credential.path("access").asString(credential.path("Access").asString());
        String secret = credential.path("secret").asString(credential.path("Secret").asString());
        assertThat(access).isNotBlank();
        byte[] bytes = new byte[300_000];
        new java.util.Random(7).nextBytes(bytes);
        Path upload = data.resolve("s3-upload.bin");
        Path download = data.resolve("s3-download.bin");
        Files.write(upload, bytes);
        String aws = "export AWS_ACCESS_KEY_ID=" + access + " AWS_SECRET_ACCESS_KEY=" + secret
                + " AWS_DEFAULT_REGION=RegionOne AWS_CONFIG_FILE=" + data.resolve("no-aws-config")
                + " AWS_SHARED_CREDENTIALS_FILE=" + data.resolve("no-aws-credentials")
                + " && /usr/bin/aws --endpoint-url http://127.0.0.1:" + cloud.port(Service.OBJECT_STORAGE)
                + " s3 ";

        assertThat(cloud.shell(aws + "mb s3://it-datasets").exit()).isZero();
        LaunchedCloud.CliResult copied = cloud.shell(aws + "cp " + upload + " s3://it-datasets/imagenet/part-0.bin");
        assertThat(copied.exit()).as(copied.output()).isZero();
        LaunchedCloud.CliResult fetched = cloud.shell(aws + "cp s3://it-datasets/imagenet/part-0.bin " + download);
        assertThat(fetched.exit()).as(fetched.output()).isZero();
        assertThat(Files.readAllBytes(download)).isEqualTo(bytes);
        // One namespace: the bucket is a Swift container of the admin's project.
        assertThat(cloud.cli("container list -f value -c Name")).contains("it-datasets");
        assertThat(cloud.shell(aws.replace(secret, "wrong" + secret) + "ls s3://it-datasets").output())
                .contains("SignatureDoesNotMatch");
    }

    @Test
    void aDataScientistGetsAGpuServerThroughTheOpenstackClient() throws Exception {
        cloud.cli("flavor create --vcpus 8 --ram 16384 --disk 10 --property resources:PGPU=2"
                + " --property trait:CUSTOM_GPU_NVIDIA_A100_80GB=required it.gpu.a100x2");
        cloud.cli("flavor create --vcpus 8 --ram 16384 --disk 10 --property resources:PGPU=16 it.gpu.too-big");
        // The CLI creates the flavor, then sets its properties: our 400 reaches the user, the properties do not.
        assertThat(cloud.run("flavor create --vcpus 1 --ram 512 --disk 1 --property resources:PGPU=two"
                + " it.gpu.bad").output()).contains("400").contains("'two' is not a whole number");
        assertThat(cloud.cli("flavor show -f value -c properties it.gpu.bad")).doesNotContain("PGPU");
        cloud.cli("flavor delete it.gpu.bad");
        createImage("it-tiny");

        JsonNode created = JSON.readTree(cloud.cli("server create --flavor it.gpu.a100x2 --image it-tiny --wait"
                + " -f json it-gpu-1"));
        assertThat(created.path("status").asString()).isEqualTo("ACTIVE");
        String server = created.path("id").asString();
        JsonNode shown = JSON.readTree(cloud.cli("server show -f json " + server));
        assertThat(shown.path("OS-EXT-SRV-ATTR:host").asString()).isEqualTo("sim-a100-8x-2numa");
        assertThat(cloud.cli("resource provider allocation show " + server + " -f value -c resources"))
                .contains("PGPU");

        cloud.cli("server stop " + server);
        waitForStatus(server, "SHUTOFF");
        cloud.cli("server start " + server);
        waitForStatus(server, "ACTIVE");

        cloud.cli("server delete --wait " + server);
        assertThat(cloud.cliFails("server show " + server)).contains("No server with a name or ID");
        // The claim goes with the server (released by the scheduler once the host deleted the guest).
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String allocations = "PGPU";
        while (allocations.contains("PGPU") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            allocations = cloud.cli("resource provider allocation show " + server + " -f value -c resources");
        }
        assertThat(allocations).doesNotContain("PGPU");

        // The CLI reports the failed build ("Error creating server"); its exit code is not reliable across versions.
        assertThat(cloud.run("server create --flavor it.gpu.too-big --image it-tiny --wait it-gpu-2").output())
                .containsIgnoringCase("error");
        JsonNode failed = JSON.readTree(cloud.cli("server show -f json it-gpu-2"));
        assertThat(failed.path("status").asString()).isEqualTo("ERROR");
        assertThat(failed.path("fault").toString()).contains("No valid host");
        cloud.cli("server delete --wait it-gpu-2");
    }

    @Test
    void antiAffinityThenTwentyCreatesCompetingForSixteenGpus() throws Exception {
        cloud.cli("flavor create --vcpus 2 --ram 2048 --disk 1 --property resources:PGPU=1 it.gpu.x1");
        cloud.cli("flavor create --vcpus 2 --ram 2048 --disk 1 --property resources:PGPU=2 it.gpu.x2");
        createImage("it-tiny2");

        // Anti-affinity: three servers, three hosts (the A100, H100 and L40S hosts all have free GPUs).
        String group = cloud.cli("server group create --policy anti-affinity -f value -c id it-spread");
        List<String> hosts = new ArrayList<>();
        List<String> spread = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String id = JSON.readTree(cloud.cli("server create --flavor it.gpu.x1 --image it-tiny2 --hint group="
                    + group + " --wait -f json it-spread-" + i)).path("id").asString();
            spread.add(id);
            hosts.add(cloud.cli("server show -f value -c OS-EXT-SRV-ATTR:host " + id));
        }
        assertThat(hosts).doesNotHaveDuplicates().hasSize(3);
        for (String id : spread) {
            cloud.cli("server delete --wait " + id);
        }
        // A deleted server is gone from the API at once; the scheduler releases its claim a moment later.
        for (String id : spread) {
            long released = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (cloud.cli("resource provider allocation show " + id + " -f value -c resources").contains("PGPU")
                    && System.nanoTime() < released) {
                Thread.sleep(500);
            }
        }

        // Take the L40S host's 4 GPUs out of service: 16 GPUs stay free (8 A100 + 8 H100).
        Path outOfService = cloud.data().resolve("agents").resolve("sim-l40s-4x").resolve("gpus-out-of-service");
        Files.createDirectories(outOfService.getParent());
        Files.writeString(outOfService, "0000:01:00.0\n0000:41:00.0\n0000:81:00.0\n0000:c1:00.0\n");
        try {
            String l40s = cloud.cli("resource provider list --name sim-l40s-4x -f value -c uuid");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String reserved = "";
            while (!reserved.equals("4") && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                reserved = cloud.cli("openstack resource provider list --in-tree " + l40s + " -f value -c uuid | while read p;"
                        + " do openstack resource provider inventory list $p -f value -c resource_class -c reserved;"
                        + " done | grep -c '^PGPU 1$' || true");
            }
            assertThat(reserved).as("the L40S GPUs are held reserved").isEqualTo("4");

            // Twenty servers are more than the default quota of ten instances.
            cloud.cli("quota set --instances 40 --cores 400 admin");
            List<Process> creates = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                creates.add(cloud.shellProcess("openstack server create --flavor it.gpu.x2 --image it-tiny2 it-race-" + i)
                        .start());
            }
            for (Process create : creates) {
                assertThat(create.waitFor(120, TimeUnit.SECONDS)).isTrue();
                String output = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(create.exitValue()).as(output).isZero();
            }
            Map<String, Integer> statuses = new HashMap<>();
            deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                statuses.clear();
                for (String line : cloud.cli("server list --name '^it-race-' -f value -c Status").split("\n")) {
                    statuses.merge(line.trim(), 1, Integer::sum);
                }
                if (statuses.getOrDefault("BUILD", 0) == 0 && statuses.values().stream().mapToInt(n -> n).sum() == 20) {
                    break;
                }
                Thread.sleep(1000);
            }
            assertThat(statuses).containsEntry("ACTIVE", 8).containsEntry("ERROR", 12);
            for (String id : cloud.cli("server list --name '^it-race-' --status ERROR -f value -c ID").split("\n")) {
                assertThat(cloud.cli("server show -f json " + id.trim())).contains("No valid host");
            }
            // Usage in Placement agrees: every free GPU taken once, none twice.
            int used = 0;
            for (String name : List.of("sim-a100-8x-2numa", "sim-h100-8x-sxm")) {
                String root = cloud.cli("resource provider list --name " + name + " -f value -c uuid");
                for (String provider : cloud.cli("resource provider list --in-tree " + root + " -f value -c uuid")
                        .split("\n")) {
                    String usage = cloud.cli("resource provider usage show -f value " + provider.trim());
                    if (usage.startsWith("PGPU")) {
                        used += Integer.parseInt(usage.split("\\s+")[1]);
                    }
                }
            }
            assertThat(used).isEqualTo(16);
        } finally {
            Files.writeString(outOfService, "");
            String ids = cloud.cli("server list --name '^it-race-' -f value -c ID").replace('\n', ' ');
            if (!ids.isBlank()) {
                cloud.run("server delete --wait " + ids);
            }
        }
    }

    @Test
    void pinnedGuestsLandOnDedicatedCpusAndABuildEveryHostRefusesIsRetriedThenErrorWithItsClaimReleased()
            throws Exception {
        // The A100 and H100 hosts keep 120 CPUs each for pinned guests (their .agent.properties), 60 per NUMA node.
        cloud.cli("quota set --cores 1000 --instances 100 admin");
        createImage("it-tiny3");
        cloud.cli("flavor create --vcpus 8 --ram 1024 --disk 1 --property hw:cpu_policy=dedicated it.pinned");
        String pinned = JSON.readTree(cloud.cli("server create --flavor it.pinned --image it-tiny3 --wait -f json"
                + " it-pinned")).path("id").asString();
        String allocation = cloud.cli("resource provider allocation show " + pinned + " -f value -c resources");
        assertThat(allocation).contains("'PCPU': 8").doesNotContain("VCPU");

        // 100 pinned vCPUs: both hosts have 120 PCPU, so Placement lets each try, but neither has 100 on one NUMA
        // node, so each agent refuses the build; the scheduler moves the claim to the other host, then gives up.
        cloud.cli("flavor create --vcpus 100 --ram 1024 --disk 1 --property hw:cpu_policy=dedicated it.pinned.huge");
        cloud.run("server create --flavor it.pinned.huge --image it-tiny3 --wait it-pinned-huge");
        JsonNode huge = JSON.readTree(cloud.cli("server show -f json it-pinned-huge"));
        assertThat(huge.path("status").asString()).isEqualTo("ERROR");
        assertThat(huge.path("fault").toString()).contains("build failed on 2 host(s)")
                .contains("sim-a100-8x-2numa").contains("sim-h100-8x-sxm").contains("hw:cpu_policy=dedicated");
        String hugeId = huge.path("id").asString();
        assertThat(cloud.cli("resource provider allocation show " + hugeId + " -f value -c resources")).isEmpty();
        cloud.cli("server delete --wait " + hugeId + " " + pinned);
    }

    @Test
    void serversWithoutGpusLeaveTheGpuHostsFree() throws Exception {
        // GpuHostAvoidanceWeigher: while the GPU-less host has room, CPU-only servers go there, not onto a GPU host
        // whose GPUs would then lack the CPUs and memory to be used.
        cloud.cli("flavor create --vcpus 2 --ram 1024 --disk 1 it.cpu.small");
        createImage("it-tiny4");
        List<String> servers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            JsonNode created = JSON.readTree(cloud.cli("server create --flavor it.cpu.small --image it-tiny4 --wait"
                    + " -f json it-cpu-" + i));
            assertThat(created.path("status").asString()).isEqualTo("ACTIVE");
            servers.add(created.path("id").asString());
        }
        for (String server : servers) {
            assertThat(cloud.cli("server show -f value -c OS-EXT-SRV-ATTR:host " + server)).isEqualTo("sim-cpu-only");
        }
        cloud.cli("server delete --wait " + String.join(" ", servers));
    }

    /** A public image of an empty 1 GiB qcow2 disk (the simulated hosts never read it). */
    private static void createImage(String name) throws Exception {
        Path disk = data.resolve(name + ".qcow2");
        assertThat(new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "1G").start()
                .waitFor()).isZero();
        cloud.cli("image create --file " + disk + " --disk-format qcow2 --container-format bare --public " + name);
    }

    private static void waitForStatus(String server, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String now = "";
        while (!now.equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            now = cloud.cli("server show -f value -c status " + server);
        }
        assertThat(now).isEqualTo(status);
    }
}
