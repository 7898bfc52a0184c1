package io.gpucloud.objectstorage.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian {@code aws} (awscli 2), {@code s3cmd} and {@code rclone} CLIs against the running service,
 * path-style, region RegionOne: bucket creation and removal, uploads and downloads compared by SHA-256,
 * listings, sync, a presigned URL fetched by a plain HTTP client, and multipart uploads. Each CLI's test is
 * skipped when its binary is absent (deploy/setup-host.sh installs all three).
 */
class S3CliEndToEndTest extends S3TestBase {

    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final Path S3CMD = Path.of("/usr/bin/s3cmd");
    private static final Path RCLONE = Path.of("/usr/bin/rclone");

    @TempDir
    Path work;

    @Test
    void awsCliMakesBucketsCopiesSyncsPresignsAndUploadsInParts() throws Exception {
        assumeTrue(Files.isExecutable(AWS), "awscli is not installed");
        Path config = work.resolve("aws-config");
        aws("configure", "set", "default.region", REGION);
        aws("configure", "set", "default.s3.addressing_style", "path");
        aws("configure", "set", "default.s3.multipart_threshold", "5MB");
        aws("configure", "set", "default.s3.multipart_chunksize", "5MB");
        assertThat(Files.readString(config)).contains("multipart_chunksize = 5MB");

        String bucket = bucketName();
        assertThat(aws("s3", "mb", "s3://" + bucket)).contains("make_bucket: " + bucket);
        assertThat(aws("s3", "ls")).contains(bucket);

        Path up = Files.createDirectories(work.resolve("up"));
        write(up.resolve("hello.txt"), "hello from awscli\n".getBytes(UTF_8));
        write(Files.createDirectories(up.resolve("nested/dir")).resolve("données.bin"), random(300_000, 1));
        write(up.resolve("big.bin"), random(20 * 1024 * 1024 + 123, 2));

        aws("s3", "cp", up.resolve("hello.txt").toString(), "s3://" + bucket + "/hello.txt");
        // awscli sends a backslash in a key as %5C, which Tomcat refuses unless told otherwise.
        aws("s3", "cp", up.resolve("hello.txt").toString(), "s3://" + bucket + "/logs\\2026\\hello.txt");
        aws("s3", "cp", up.resolve("big.bin").toString(), "s3://" + bucket + "/big.bin");
        String head = aws("s3api", "head-object", "--bucket", bucket, "--key", "big.bin");
        assertThat(head).as("a multipart ETag: 5 parts of 5 MiB at most").contains("-5\\\"").contains("\"ContentLength\": " + (20 * 1024 * 1024 + 123));
        assertThat(aws("s3api", "list-multipart-uploads", "--bucket", bucket)).doesNotContain("UploadId");

        aws("s3", "sync", up.resolve("nested").toString(), "s3://" + bucket + "/synced/");
        String listing = aws("s3", "ls", "--recursive", "s3://" + bucket + "/");
        assertThat(listing).contains("hello.txt", "big.bin", "synced/dir/données.bin", "logs\\2026\\hello.txt");
        assertThat(aws("s3", "ls", "s3://" + bucket + "/")).contains("PRE synced/");

        Path down = Files.createDirectories(work.resolve("down"));
        aws("s3", "cp", "s3://" + bucket + "/big.bin", down.resolve("big.bin").toString());
        aws("s3", "cp", "s3://" + bucket + "/hello.txt", down.resolve("hello.txt").toString());
        aws("s3", "sync", "s3://" + bucket + "/synced/", down.resolve("synced").toString());
        assertThat(sha256(down.resolve("big.bin"))).isEqualTo(sha256(up.resolve("big.bin")));
        assertThat(sha256(down.resolve("hello.txt"))).isEqualTo(sha256(up.resolve("hello.txt")));
        aws("s3api", "get-object", "--bucket", bucket, "--key", "logs\\2026\\hello.txt",
                down.resolve("backslashed.txt").toString());
        assertThat(sha256(down.resolve("backslashed.txt"))).isEqualTo(sha256(up.resolve("hello.txt")));
        assertThat(sha256(down.resolve("synced/dir/données.bin"))).isEqualTo(sha256(up.resolve("nested/dir/données.bin")));

        String url = aws("s3", "presign", "s3://" + bucket + "/hello.txt", "--expires-in", "300").strip();
        S3TestClient.Response fetched = s3.fetch("GET", URI.create(url), null);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(Files.readAllBytes(up.resolve("hello.txt")));

        aws("s3", "cp", "s3://" + bucket + "/big.bin", "s3://" + bucket + "/copy-of-big.bin");
        aws("s3", "cp", "s3://" + bucket + "/copy-of-big.bin", down.resolve("copy.bin").toString());
        assertThat(sha256(down.resolve("copy.bin"))).isEqualTo(sha256(up.resolve("big.bin")));

        aws("s3", "rm", "--recursive", "s3://" + bucket + "/");
        assertThat(aws("s3", "rb", "s3://" + bucket)).contains("remove_bucket: " + bucket);
        assertThat(aws("s3", "ls")).doesNotContain(bucket);
    }

    @Test
    void s3cmdMakesBucketsPutsGetsSyncsAndRemoves() throws Exception {
        assumeTrue(Files.isExecutable(S3CMD), "s3cmd is not installed");
        Path config = work.resolve("s3cfg");
        Files.writeString(config, String.join("\n", "[default]", "access_key = " + lastAccessKey,
                "secret_key = " + lastSecret, "host_base = 127.0.0.1:" + port, "host_bucket = 127.0.0.1:" + port,
                "use_https = False", "bucket_location = " + REGION, "signature_v2 = False",
                "multipart_chunk_size_mb = 5", "check_ssl_certificate = False", ""));
        String bucket = bucketName();
        s3cmd(config, "mb", "s3://" + bucket);
        assertThat(s3cmd(config, "ls")).contains("s3://" + bucket);

        Path up = Files.createDirectories(work.resolve("up"));
        write(up.resolve("small.txt"), "hello from s3cmd\n".getBytes(UTF_8));
        write(up.resolve("large.bin"), random(11 * 1024 * 1024 + 5, 3));
        s3cmd(config, "put", up.resolve("small.txt").toString(), "s3://" + bucket + "/small.txt");
        s3cmd(config, "put", up.resolve("large.bin").toString(), "s3://" + bucket + "/large.bin");
        s3cmd(config, "sync", up.toString() + "/", "s3://" + bucket + "/mirror/");
        String listing = s3cmd(config, "ls", "--recursive", "s3://" + bucket);
        assertThat(listing).contains("s3://" + bucket + "/small.txt", "s3://" + bucket + "/large.bin",
                "s3://" + bucket + "/mirror/large.bin");

        Path down = Files.createDirectories(work.resolve("down"));
        s3cmd(config, "get", "s3://" + bucket + "/large.bin", down.resolve("large.bin").toString());
        s3cmd(config, "get", "s3://" + bucket + "/mirror/small.txt", down.resolve("small.txt").toString());
        assertThat(sha256(down.resolve("large.bin"))).isEqualTo(sha256(up.resolve("large.bin")));
        assertThat(sha256(down.resolve("small.txt"))).isEqualTo(sha256(up.resolve("small.txt")));

        s3cmd(config, "del", "--recursive", "--force", "s3://" + bucket);
        s3cmd(config, "rb", "s3://" + bucket);
        assertThat(s3cmd(config, "ls")).doesNotContain(bucket);
    }

    @Test
    void rcloneCopiesSyncsChecksAndPurges() throws Exception {
        assumeTrue(Files.isExecutable(RCLONE), "rclone is not installed");
        String bucket = bucketName();
        Path up = Files.createDirectories(work.resolve("up"));
        write(up.resolve("a.txt"), "hello from rclone\n".getBytes(UTF_8));
        write(Files.createDirectories(up.resolve("sub")).resolve("b.bin"), random(7 * 1024 * 1024 + 9, 4));
        write(up.resolve("sub/ünïcödé name.dat"), random(1000, 5));

        rclone("mkdir", "remote:" + bucket);
        rclone("copy", up.toString(), "remote:" + bucket + "/data");
        assertThat(rclone("lsf", "-R", "remote:" + bucket).lines().toList())
                .contains("data/a.txt", "data/sub/b.bin", "data/sub/ünïcödé name.dat");
        rclone("check", up.toString(), "remote:" + bucket + "/data");

        Path down = Files.createDirectories(work.resolve("down"));
        rclone("sync", "remote:" + bucket + "/data", down.toString());
        for (String name : List.of("a.txt", "sub/b.bin", "sub/ünïcödé name.dat")) {
            assertThat(sha256(down.resolve(name))).as(name).isEqualTo(sha256(up.resolve(name)));
        }
        Files.delete(up.resolve("a.txt"));
        rclone("sync", up.toString(), "remote:" + bucket + "/data");
        assertThat(rclone("lsf", "-R", "remote:" + bucket)).doesNotContain("data/a.txt");

        rclone("purge", "remote:" + bucket);
        assertThat(rclone("lsf", "remote:")).doesNotContain(bucket);
    }

    private String aws(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", s3.endpoint()));
        command.addAll(List.of(arguments));
        return run(command, Map.of("AWS_ACCESS_KEY_ID", lastAccessKey, "AWS_SECRET_ACCESS_KEY", lastSecret,
                "AWS_CONFIG_FILE", work.resolve("aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", work.resolve("aws-credentials").toString(),
                "AWS_DEFAULT_REGION", REGION, "AWS_PAGER", "", "HOME", work.toString()));
    }

    private String s3cmd(Path config, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(S3CMD.toString(), "-c", config.toString()));
        command.addAll(List.of(arguments));
        return run(command, Map.of("HOME", work.toString()));
    }

    private String rclone(String... arguments) throws IOException, InterruptedException {
        Path config = work.resolve("rclone.conf");
        if (!Files.exists(config)) {
            Files.writeString(config, String.join("\n", "[remote]", "type = s3", "provider = Other",
                    "access_key_id = " + lastAccessKey, "secret_access_key = " + lastSecret,
                    "endpoint = " + s3.endpoint(), "region = " + REGION, "force_path_style = true", ""));
        }
        List<String> command = new ArrayList<>(List.of(RCLONE.toString(), "--config", config.toString(),
                "--s3-upload-cutoff", "5M", "--s3-chunk-size", "5M"));
        command.addAll(List.of(arguments));
        return run(command, Map.of("HOME", work.toString()));
    }

    private String run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("RCLONE_"));
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        String text = new String(output, UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
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
}
