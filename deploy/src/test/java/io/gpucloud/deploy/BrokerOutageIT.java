package io.gpucloud.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The all-in-one on the machine's RabbitMQ (a virtual host of its own), which is restarted while fifty servers
 * are being built: every create is still accepted, every server ends ACTIVE or ERROR, none stays in BUILD, and
 * Placement holds exactly the claims of the ACTIVE servers (none orphaned, none lost), also after deletion.
 */
class BrokerOutageIT {

    private static final int SERVERS = 50;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VIRTUAL_HOST = "gpucloud-it-" + Long.toString(System.nanoTime(), 36);

    private static LaunchedCloud cloud;

    @BeforeAll
    static void startTheCloudOnTheMachinesRabbitMq() throws Exception {
        rabbitmqctl("start_app"); // a no-op unless an interrupted run left the broker stopped
        rabbitmqctl("add_vhost", VIRTUAL_HOST);
        rabbitmqctl("set_permissions", "-p", VIRTUAL_HOST, "guest", ".*", ".*", ".*");
        cloud = LaunchedCloud.start(Map.of("CLOUD_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/" + VIRTUAL_HOST));
    }

    @AfterAll
    static void stopTheCloud() throws Exception {
        try {
            if (cloud != null) {
                cloud.close();
            }
        } finally {
            rabbitmqctl("start_app");
            rabbitmqctl("delete_vhost", VIRTUAL_HOST);
        }
    }

    @Test
    void fiftyBuildsInFlightSurviveARabbitMqRestart() throws Exception {
        cloud.cli("flavor create --vcpus 1 --ram 512 --disk 1 it.outage");
        Path disk = cloud.workDirectory().resolve("outage.qcow2");
        assertThat(new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "1G").start()
                .waitFor()).isZero();
        cloud.cli("image create --file " + disk + " --disk-format qcow2 --container-format bare it-outage");
        cloud.cli("quota set --instances 100 --cores 200 --ram 204800 admin");
        String flavor = cloud.cli("flavor show -f value -c id it.outage");
        String image = cloud.cli("image show -f value -c id it-outage");
        String token = cloud.cli("token issue -f value -c id");
        List<String> hosts = List.of(cloud.cli("resource provider list -f value -c uuid").split("\n"));

        // Eight clients create fifty servers; the broker goes down after the tenth is accepted and comes back.
        CountDownLatch tenAccepted = new CountDownLatch(10);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<String>> creates = new ArrayList<>();
        for (int i = 0; i < SERVERS; i++) {
            String body = "{\"server\": {\"name\": \"outage-" + i + "\", \"imageRef\": \"" + image
                    + "\", \"flavorRef\": \"" + flavor + "\"}}";
            creates.add(clients.submit(() -> {
                HttpResponse<String> created = send(token, "POST", Service.COMPUTE_API, "/v2.1/servers", body);
                assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
                tenAccepted.countDown();
                return JSON.readTree(created.body()).path("server").path("id").asString();
            }));
        }
        assertThat(tenAccepted.await(60, TimeUnit.SECONDS)).isTrue();
        rabbitmqctl("stop_app");
        Thread.sleep(5_000);
        rabbitmqctl("start_app");
        List<String> servers = new ArrayList<>();
        for (Future<String> create : creates) {
            servers.add(create.get(120, TimeUnit.SECONDS));
        }
        clients.shutdown();

        Map<String, String> statuses = waitUntilNoneBuilds(token, servers, Duration.ofMinutes(4));
        assertThat(statuses.values()).as("server statuses").allMatch(s -> s.equals("ACTIVE") || s.equals("ERROR"));
        // Nothing here can fail a build (the hosts have room for all), so every server should be running.
        assertThat(statuses.values()).as("server statuses").containsOnly("ACTIVE");
        for (String server : servers) {
            assertThat(vcpusClaimedBy(token, server)).as("VCPU claimed by %s", server).isEqualTo(1);
        }
        assertThat(vcpusUsed(token, hosts)).as("VCPU used in Placement").isEqualTo(SERVERS);

        for (String server : servers) {
            assertThat(send(token, "DELETE", Service.COMPUTE_API, "/v2.1/servers/" + server, null).statusCode())
                    .isEqualTo(204);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (vcpusUsed(token, hosts) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        assertThat(vcpusUsed(token, hosts)).as("VCPU used in Placement after deleting every server").isZero();
    }

    private static Map<String, String> waitUntilNoneBuilds(String token, List<String> servers, Duration patience)
            throws Exception {
        Map<String, String> statuses = new HashMap<>();
        long deadline = System.nanoTime() + patience.toNanos();
        do {
            Thread.sleep(1000);
            JsonNode listed = JSON.readTree(send(token, "GET", Service.COMPUTE_API,
                    "/v2.1/servers/detail?name=%5Eoutage-&limit=1000", null).body());
            statuses.clear();
            listed.path("servers").forEach(s -> statuses.put(s.path("id").asString(), s.path("status").asString()));
        } while ((statuses.size() < servers.size() || statuses.containsValue("BUILD")) && System.nanoTime() < deadline);
        assertThat(statuses).as("servers listed").containsOnlyKeys(servers);
        return statuses;
    }

    private static int vcpusClaimedBy(String token, String consumer) throws Exception {
        JsonNode allocations = JSON.readTree(send(token, "GET", Service.SCHEDULER, "/allocations/" + consumer, null)
                .body()).path("allocations");
        int vcpus = 0;
        for (JsonNode provider : allocations) {
            vcpus += provider.path("resources").path("VCPU").asInt(0);
        }
        return vcpus;
    }

    private static int vcpusUsed(String token, List<String> providers) throws Exception {
        int used = 0;
        for (String provider : providers) {
            used += JSON.readTree(send(token, "GET", Service.SCHEDULER, "/resource_providers/" + provider.trim()
                    + "/usages", null).body()).path("usages").path("VCPU").asInt(0);
        }
        return used;
    }

    private static HttpResponse<String> send(String token, String method, Service service, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.baseUrl(service) + path))
                .timeout(Duration.ofSeconds(30)).header("X-Auth-Token", token).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (service == Service.SCHEDULER) {
            request.header("OpenStack-API-Version", "placement 1.28");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void rabbitmqctl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
