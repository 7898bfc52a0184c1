package io.gpucloud.objectstorage.swift;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.objectstorage.ObjectStorageTestBase;
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
 * The Debian {@code swift} CLI (python3-swiftclient, installed by {@code deploy/setup-host.sh}) against the
 * running service, with a token and storage URL as an operator passes them: uploads and downloads are compared
 * byte for byte by SHA-256, plain, segmented as static and dynamic large objects, copied, listed and deleted.
 */
class SwiftCliEndToEndTest extends ObjectStorageTestBase {

    private static final Path SWIFT = Path.of("/usr/bin/swift");

    @TempDir
    Path work;

    private final List<String> auth = new ArrayList<>();

    @BeforeEach
    void cli() {
        assertThat(SWIFT).as("python3-swiftclient (deploy/setup-host.sh installs it)").isExecutable();
        auth.clear();
        auth.addAll(List.of("--os-auth-token", swift.token(), "--os-storage-url", swift.storageUrl()));
    }

    @Test
    void uploadsListsAndDownloadsFilesByteForByte() throws Exception {
        Path upload = Files.createDirectories(work.resolve("up"));
        write(upload.resolve("hello.txt"), "hello from the swift CLI\n".getBytes(UTF_8));
        write(upload.resolve("random.bin"), random(3 * 1024 * 1024 + 17, 1));
        write(Files.createDirectories(upload.resolve("nested/dir")).resolve("données ünïcode.dat"), random(4096, 2));
        write(upload.resolve("empty"), new byte[0]);
        write(upload.resolve("win\\path.txt"), "a backslash in the name\n".getBytes(UTF_8)); // sent as %5C

        swiftIn(upload, "upload", "datasets", "hello.txt", "random.bin", "nested", "empty", "win\\path.txt");
        assertThat(swiftIn(work, "list", "datasets").lines().toList())
                .containsExactly("empty", "hello.txt", "nested/dir/données ünïcode.dat", "random.bin", "win\\path.txt");
        assertThat(swiftIn(work, "list", "datasets", "--prefix", "nested/").lines().toList())
                .containsExactly("nested/dir/données ünïcode.dat");
        assertThat(swiftIn(work, "list")).contains("datasets");
        assertThat(swiftIn(work, "stat", "datasets", "random.bin")).contains("Content Length: " + (3 * 1024 * 1024 + 17))
                .contains("ETag: " + md5(upload.resolve("random.bin")));
        assertThat(swiftIn(work, "stat", "datasets")).contains("Objects: 5");

        Path download = Files.createDirectories(work.resolve("down"));
        swiftIn(download, "download", "datasets");
        for (String name : List.of("hello.txt", "random.bin", "nested/dir/données ünïcode.dat", "empty", "win\\path.txt")) {
            assertThat(sha256(download.resolve(name))).as(name).isEqualTo(sha256(upload.resolve(name)));
        }

        swiftIn(work, "delete", "datasets");
        assertThat(swiftIn(work, "list")).doesNotContain("datasets");
    }

    @Test
    void segmentedUploadsReadBackWholeAsStaticAndDynamicLargeObjects() throws Exception {
        Path upload = Files.createDirectories(work.resolve("up"));
        write(upload.resolve("slo.bin"), random(5 * 1024 * 1024 + 123, 3));
        write(upload.resolve("dlo.bin"), random(2 * 1024 * 1024 + 7, 4));

        swiftIn(upload, "upload", "--use-slo", "-S", "1048576", "big", "slo.bin");
        swiftIn(upload, "upload", "-S", "1048576", "big", "dlo.bin");
        assertThat(swiftIn(work, "list", "big_segments").lines().count()).isEqualTo(6 + 3);
        assertThat(swiftIn(work, "stat", "big", "slo.bin")).contains("Content Length: " + (5 * 1024 * 1024 + 123));
        assertThat(swiftIn(work, "stat", "big", "dlo.bin")).contains("Manifest: big_segments/dlo.bin/");

        Path download = Files.createDirectories(work.resolve("down"));
        swiftIn(download, "download", "big", "slo.bin", "dlo.bin");
        assertThat(sha256(download.resolve("slo.bin"))).isEqualTo(sha256(upload.resolve("slo.bin")));
        assertThat(sha256(download.resolve("dlo.bin"))).isEqualTo(sha256(upload.resolve("dlo.bin")));

        swiftIn(work, "delete", "big", "slo.bin", "dlo.bin");
        assertThat(swiftIn(work, "list", "big_segments")).as("segments go with their manifests").isEmpty();
    }

    @Test
    void copiesAndMetadataGoThroughTheCli() throws Exception {
        Path upload = Files.createDirectories(work.resolve("up"));
        write(upload.resolve("model.onnx"), random(100_000, 5));
        swiftIn(upload, "upload", "models", "model.onnx", "--header", "X-Object-Meta-Framework:onnx");
        swiftIn(work, "post", "archive");
        swiftIn(work, "copy", "models", "model.onnx", "--destination", "/archive/model-v1.onnx");
        assertThat(swiftIn(work, "stat", "archive", "model-v1.onnx")).contains("Meta Framework: onnx");

        swiftIn(work, "post", "models", "model.onnx", "--meta", "Stage:production");
        assertThat(swiftIn(work, "stat", "models", "model.onnx")).contains("Meta Stage: production")
                .doesNotContain("Framework");

        Path download = Files.createDirectories(work.resolve("down"));
        swiftIn(download, "download", "archive", "model-v1.onnx");
        assertThat(sha256(download.resolve("model-v1.onnx"))).isEqualTo(sha256(upload.resolve("model.onnx")));
        assertThat(swiftIn(work, "stat")).contains("Containers: 2");
    }

    @Test
    void theOpenstackClientManagesContainersAndObjects() throws Exception {
        Path files = Files.createDirectories(work.resolve("files"));
        write(files.resolve("notes.txt"), "written by openstack object create\n".getBytes(UTF_8));
        assertThat(openstackIn(work, "container", "create", "osc-box")).contains("osc-box");
        assertThat(openstackIn(work, "container", "list", "-f", "value")).contains("osc-box");
        assertThat(openstackIn(files, "object", "create", "osc-box", "notes.txt")).contains("notes.txt");
        assertThat(openstackIn(work, "object", "list", "osc-box", "-f", "value")).contains("notes.txt");
        assertThat(openstackIn(work, "object", "show", "osc-box", "notes.txt")).contains(md5(files.resolve("notes.txt")));
        assertThat(openstackIn(work, "container", "show", "osc-box")).contains("object_count");
        openstackIn(work, "object", "save", "--file", work.resolve("saved.txt").toString(), "osc-box", "notes.txt");
        assertThat(sha256(work.resolve("saved.txt"))).isEqualTo(sha256(files.resolve("notes.txt")));
        openstackIn(work, "object", "delete", "osc-box", "notes.txt");
        openstackIn(work, "container", "delete", "osc-box");
        assertThat(openstackIn(work, "container", "list", "-f", "value")).doesNotContain("osc-box");
    }

    /** {@code openstack} with a token and the object-store endpoint given directly (no identity service here). */
    private String openstackIn(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openstack", "--os-auth-type", "admin_token",
                "--os-endpoint", swift.storageUrl(), "--os-token", swift.token()));
        command.addAll(List.of(arguments));
        return run(directory, command, arguments);
    }

    private String swiftIn(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SWIFT.toString()));
        command.addAll(auth);
        command.addAll(List.of(arguments));
        return run(directory, command, arguments);
    }

    private static String run(Path directory, List<String> command, String... arguments)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("OS_") || name.startsWith("ST_"));
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", arguments)).isTrue();
        String text = new String(output, UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", command.subList(0, 1)) + " " + String.join(" ", arguments)
                + "\n" + text).isZero();
        return text;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String md5(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    }
}
