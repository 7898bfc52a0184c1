package io.gpucloud.compute.keypair;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.compute.ComputeTestBase;
import io.gpucloud.compute.NovaClient;
import io.gpucloud.compute.NovaClient.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v2.1/os-keypairs}: imported keys are checked and fingerprinted as ssh-keygen does, generated ones are
 * usable by OpenSSH, names are per user, and the bodies follow the microversion.
 */
class KeypairApiTest extends ComputeTestBase {

    @TempDir
    Path work;

    @Test
    void importedKeysCarryTheFingerprintSshKeygenPrints() throws Exception {
        for (String type : List.of("ed25519", "rsa", "ecdsa")) {
            Path key = work.resolve("id_" + type);
            run("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "me@laptop", "-f", key.toString());
            String publicKey = Files.readString(key.resolveSibling("id_" + type + ".pub")).strip();
            String expected = run("ssh-keygen", "-l", "-E", "md5", "-f", key + ".pub").split("\\s+")[1]
                    .substring("MD5:".length());

            NovaClient user = member("p-keys");
            String name = "laptop-" + type + "-" + UUID.randomUUID().toString().substring(0, 6);
            Response created = user.call("POST", "/v2.1/os-keypairs", "2.2", """
                    {"keypair":{"name":"%s","public_key":"%s"}}""".formatted(name, publicKey));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            JsonNode keypair = created.body().path("keypair");
            assertThat(keypair.path("fingerprint").asString()).as(type).isEqualTo(expected);
            assertThat(keypair.path("type").asString()).isEqualTo("ssh");
            assertThat(keypair.path("public_key").asString()).isEqualTo(publicKey);
            assertThat(keypair.has("private_key")).isFalse();
        }
    }

    @Test
    void generatedKeysAreReturnedOnceAndWorkWithOpenSsh() throws Exception {
        NovaClient user = member("p-gen");
        String name = "generated-" + UUID.randomUUID().toString().substring(0, 6);
        Response created = user.call("POST", "/v2.1/os-keypairs", null, "{\"keypair\":{\"name\":\"" + name + "\"}}");
        assertThat(created.status()).isEqualTo(200);
        JsonNode keypair = created.body().path("keypair");
        assertThat(keypair.has("type")).isFalse();
        String privateKey = keypair.path("private_key").asString();
        assertThat(privateKey).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        Path file = work.resolve("generated");
        Files.writeString(file, privateKey, UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        String derived = run("ssh-keygen", "-y", "-f", file.toString()).strip();
        String publicKey = keypair.path("public_key").asString();
        assertThat(publicKey).startsWith(derived);
        Files.writeString(work.resolve("generated.pub"), publicKey + "\n", UTF_8);
        assertThat(run("ssh-keygen", "-l", "-E", "md5", "-f", work.resolve("generated.pub").toString()))
                .contains("MD5:" + keypair.path("fingerprint").asString());

        JsonNode shown = user.get("/v2.1/os-keypairs/" + name, null).body().path("keypair");
        assertThat(shown.has("private_key")).isFalse();
        assertThat(shown.path("public_key").asString()).isEqualTo(publicKey);
        assertThat(shown.path("user_id").asString()).isEqualTo("user-of-p-gen");
        assertThat(shown.path("deleted").asBoolean()).isFalse();
        assertThat(shown.path("id").isIntegralNumber()).isTrue();
        assertThat(shown.path("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        assertThat(shown.has("type")).isFalse();
        assertThat(user.get("/v2.1/os-keypairs/" + name, "2.2").body().path("keypair").path("type").asString())
                .isEqualTo("ssh");
    }

    @Test
    void namesAreUniquePerUserAndValidated() {
        NovaClient alice = member("p-alice");
        NovaClient bob = nova.as(TOKENS.token("bob", "p-alice", List.of("member", "reader")));
        String name = "shared name " + UUID.randomUUID().toString().substring(0, 6);
        assertThat(alice.call("POST", "/v2.1/os-keypairs", "2.2", body(name)).status()).isEqualTo(201);
        Response again = alice.call("POST", "/v2.1/os-keypairs", "2.2", body(name));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.faultMessage()).contains(name);
        assertThat(bob.call("POST", "/v2.1/os-keypairs", "2.2", body(name)).status()).isEqualTo(201);

        for (String bad : List.of("", " lead", "trail ", "semi;colon", "a.b", "x".repeat(256))) {
            assertThat(alice.call("POST", "/v2.1/os-keypairs", "2.2", body(bad)).status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void malformedPublicKeysAreBadRequests() {
        NovaClient user = member("p-bad");
        for (String key : List.of("not a key", "ssh-rsa", "ssh-rsa !!!notbase64", "ssh-dss AAAAB3NzaC1kc3MAAACBAP",
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA==",
                "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIFs8Y0PLpJCq/KrHvnYBEt2Tui+8x8Kq9iCmY0BFc4Xv")) {
            Response response = user.call("POST", "/v2.1/os-keypairs", "2.2", """
                    {"keypair":{"name":"k","public_key":"%s"}}""".formatted(key));
            assertThat(response.status()).as(key).isEqualTo(400);
            assertThat(response.faultMessage()).as(key).startsWith("Keypair data is invalid");
        }
        assertThat(user.call("POST", "/v2.1/os-keypairs", "2.2", "{\"keypair\":{\"name\":\"k\",\"type\":\"pgp\"}}")
                .status()).isEqualTo(400);
        assertThat(user.call("POST", "/v2.1/os-keypairs", "2.1", "{\"keypair\":{\"name\":\"k\",\"type\":\"ssh\"}}")
                .status()).isEqualTo(400);
        assertThat(user.get("/v2.1/os-keypairs", null).body().path("keypairs").size()).isZero();
    }

    @Test
    void listsShowsAndDeletesOwnKeypairsAndAdminsMayActForOthersFrom210() {
        NovaClient user = member("p-list");
        String userId = "user-of-p-list";
        for (int i = 0; i < 3; i++) {
            user.call("POST", "/v2.1/os-keypairs", "2.2", body("key" + i));
        }
        JsonNode listed = user.get("/v2.1/os-keypairs", "2.2").body();
        assertThat(names(listed)).containsExactly("key0", "key1", "key2");
        assertThat(listed.path("keypairs").get(0).path("keypair").propertyNames())
                .containsExactlyInAnyOrder("public_key", "name", "fingerprint", "type");
        assertThat(names(member("p-other").get("/v2.1/os-keypairs", null).body())).isEmpty();

        JsonNode first = user.get("/v2.1/os-keypairs?limit=2", "2.35").body();
        assertThat(names(first)).containsExactly("key0", "key1");
        String next = first.path("keypairs_links").get(0).path("href").asString();
        assertThat(next).contains("marker=key1");
        assertThat(names(user.get("/v2.1/os-keypairs?limit=2&marker=key1", "2.35").body())).containsExactly("key2");
        assertThat(user.get("/v2.1/os-keypairs?marker=nope", "2.35").status()).isEqualTo(400);

        // Admin for another user from 2.10; a member may not.
        assertThat(names(nova.get("/v2.1/os-keypairs?user_id=" + userId, "2.10").body()))
                .containsExactly("key0", "key1", "key2");
        assertThat(nova.get("/v2.1/os-keypairs/key0?user_id=" + userId, "2.10").status()).isEqualTo(200);
        assertThat(names(nova.get("/v2.1/os-keypairs?user_id=" + userId, "2.9").body())).doesNotContain("key0");
        assertThat(member("p-other").get("/v2.1/os-keypairs?user_id=" + userId, "2.10").status()).isEqualTo(403);
        Response forOther = nova.call("POST", "/v2.1/os-keypairs", "2.10",
                "{\"keypair\":{\"name\":\"made-by-admin\",\"user_id\":\"" + userId + "\"}}");
        assertThat(forOther.status()).isEqualTo(201);
        assertThat(forOther.body().path("keypair").path("user_id").asString()).isEqualTo(userId);
        assertThat(user.get("/v2.1/os-keypairs/made-by-admin", null).status()).isEqualTo(200);

        assertThat(user.call("DELETE", "/v2.1/os-keypairs/key0", null, null).status()).isEqualTo(202);
        assertThat(user.call("DELETE", "/v2.1/os-keypairs/key1", "2.2", null).status()).isEqualTo(204);
        assertThat(nova.call("DELETE", "/v2.1/os-keypairs/key2?user_id=" + userId, "2.10", null).status())
                .isEqualTo(204);
        Response missing = user.get("/v2.1/os-keypairs/key0", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().has("itemNotFound")).isTrue();
        assertThat(user.call("DELETE", "/v2.1/os-keypairs/key0", null, null).status()).isEqualTo(404);
    }

    private static String body(String name) {
        return "{\"keypair\":{\"name\":\"" + name + "\"}}";
    }

    private static List<String> names(JsonNode listing) {
        return StreamSupport.stream(listing.path("keypairs").spliterator(), false)
                .map(k -> k.path("keypair").path("name").asString()).toList();
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }
}
