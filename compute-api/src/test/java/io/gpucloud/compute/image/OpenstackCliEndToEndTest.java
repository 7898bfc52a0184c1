package io.gpucloud.compute.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian {@code openstack} CLI (python3-openstackclient 6.0, deploy/setup-host.sh installs it) against the
 * running compute API, authenticated with a token and the endpoint given directly (no identity service here):
 * flavors with GPU extra specs, key pairs, availability zones and images, as an operator or user types them.
 */
class OpenstackCliEndToEndTest extends ImageTestBase {

    private static final Path OPENSTACK = Path.of("/usr/bin/openstack");

    @TempDir
    Path work;

    @BeforeEach
    void cli() {
        assertThat(OPENSTACK).as("python3-openstackclient (deploy/setup-host.sh installs it)").isExecutable();
    }

    @Test
    void flavorsWithGpuExtraSpecs() throws Exception {
        String created = compute("flavor", "create", "--vcpus", "8", "--ram", "65536", "--disk", "100",
                "--property", "resources:PGPU=2", "--property", "trait:CUSTOM_GPU_NVIDIA_A100_80GB=required",
                "vm.gpu.a100x2");
        assertThat(created).contains("vm.gpu.a100x2").contains("resources:PGPU").contains("65536");

        assertThat(compute("flavor", "list", "-f", "value", "-c", "Name")).contains("vm.gpu.a100x2");
        assertThat(compute("flavor", "show", "vm.gpu.a100x2", "-f", "value", "-c", "properties"))
                .contains("resources:PGPU").contains("CUSTOM_GPU_NVIDIA_A100_80GB");

        compute("flavor", "set", "--property", "gpu:topology=nvlink", "vm.gpu.a100x2");
        assertThat(compute("flavor", "show", "vm.gpu.a100x2")).contains("gpu:topology").contains("nvlink");
        compute("flavor", "unset", "--property", "gpu:topology", "vm.gpu.a100x2");
        assertThat(compute("flavor", "show", "vm.gpu.a100x2")).doesNotContain("gpu:topology");

        String refused = computeFailing("flavor", "set", "--property", "resources:GPU_A100=2", "vm.gpu.a100x2");
        assertThat(refused).contains("resources:GPU_A100");
        assertThat(compute("flavor", "show", "vm.gpu.a100x2")).doesNotContain("GPU_A100=");

        compute("flavor", "delete", "vm.gpu.a100x2");
        assertThat(compute("flavor", "list", "-f", "value", "-c", "Name")).doesNotContain("vm.gpu.a100x2");
    }

    @Test
    void keypairsAndAvailabilityZones() throws Exception {
        Path key = work.resolve("id_ed25519");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()), "ssh-keygen");
        String fingerprint = run(List.of("ssh-keygen", "-l", "-E", "md5", "-f", key + ".pub"), "ssh-keygen")
                .split("\\s+")[1].substring("MD5:".length());

        assertThat(compute("keypair", "create", "--public-key", key + ".pub", "laptop")).contains(fingerprint);
        String privateKey = compute("keypair", "create", "generated");
        assertThat(privateKey).contains("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(compute("keypair", "list", "-f", "value", "-c", "Name")).contains("laptop", "generated");
        assertThat(compute("keypair", "show", "laptop")).contains(fingerprint);
        compute("keypair", "delete", "laptop");
        compute("keypair", "delete", "generated");
        assertThat(compute("keypair", "list", "-f", "value")).doesNotContain("laptop");

        assertThat(compute("availability", "zone", "list", "--compute", "-f", "value")).contains("nova");
    }

    @Test
    void imagesUploadListShowSaveAndDelete() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 5];
        new Random(11).nextBytes(data);
        Path file = work.resolve("guest.qcow2");
        Files.write(file, data);

        String created = image("image", "create", "--file", file.toString(), "--disk-format", "qcow2",
                "--container-format", "bare", "--property", "os_distro=ubuntu", "guest-image");
        // The SDK prints the image as created, before its upload (status queued); show reads it back.
        assertThat(created).contains("guest-image");

        assertThat(image("image", "list", "-f", "value", "-c", "Name")).contains("guest-image");
        String shown = image("image", "show", "guest-image");
        assertThat(shown).contains(md5(data)).contains("os_distro").contains("active");

        Path saved = work.resolve("saved.qcow2");
        image("image", "save", "--file", saved.toString(), "guest-image");
        assertThat(md5(Files.readAllBytes(saved))).isEqualTo(md5(data));

        image("image", "delete", "guest-image");
        assertThat(image("image", "list", "-f", "value", "-c", "Name")).doesNotContain("guest-image");
    }

    private String compute(String... arguments) throws Exception {
        return run(command("/v2.1", "--os-compute-api-version", "2.79", arguments), arguments);
    }

    private String computeFailing(String... arguments) throws Exception {
        return runFailing(command("/v2.1", "--os-compute-api-version", "2.79", arguments));
    }

    private String image(String... arguments) throws Exception {
        // With admin_token the endpoint is used as given, without version discovery (which the catalog flow does
        // and ImageApiTest covers), so it names the v2 root.
        return run(command("/image/v2", "--os-image-api-version", "2", arguments), arguments);
    }

    private List<String> command(String path, String versionOption, String version, String... arguments) {
        List<String> command = new ArrayList<>(List.of(OPENSTACK.toString(), "--os-auth-type", "admin_token",
                "--os-endpoint", "http://127.0.0.1:" + port + path, "--os-token", TOKENS.admin(), versionOption,
                version));
        command.addAll(List.of(arguments));
        return command;
    }

    private String run(List<String> command, String... arguments) throws IOException, InterruptedException {
        Result result = execute(command);
        assertThat(result.exitCode()).as(String.join(" ", arguments) + "\n" + result.output()).isZero();
        return result.output();
    }

    private String runFailing(List<String> command) throws IOException, InterruptedException {
        Result result = execute(command);
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        return result.output();
    }

    private record Result(int exitCode, String output) {
    }

    private Result execute(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("OS_"));
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.environment().put("HOME", work.toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(output, UTF_8));
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }
}
