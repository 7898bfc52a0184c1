package io.gpucloud.agent.instance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real tools the Java-written ISO images are checked with: isoinfo and isovfy (Debian genisoimage), blkid
 * (util-linux). Standard output comes back as bytes, so extracted files compare exactly.
 */
final class IsoTools {

    private IsoTools() {
    }

    static void assumeInstalled(String program, String debianPackage) {
        assumeTrue(ExternalCommand.onPath(program), program + " (Debian " + debianPackage + ") is not installed");
    }

    /** isoinfo's listing lines ({@code -f}: one path a line); Joliet names come in ISO 8859-1, asked for. */
    static List<String> lines(Path iso, String... options) {
        boolean joliet = Arrays.asList(options).contains("-J");
        String[] command = joliet ? concat(new String[] {"isoinfo", "-j", "iso8859-1"}, options)
                : concat(new String[] {"isoinfo"}, options);
        String text = text(joliet ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8,
                concat(command, new String[] {"-i", iso.toString()}));
        return text.lines().toList();
    }

    /** A file's bytes as isoinfo extracts them ({@code -R} or {@code -J} picks the names). */
    static byte[] extract(Path iso, String names, String path) {
        return run("isoinfo", names, "-i", iso.toString(), "-x", path).stdout;
    }

    static String text(String... command) {
        return text(StandardCharsets.UTF_8, command);
    }

    private static String text(Charset charset, String... command) {
        return new String(run(command).stdout, charset);
    }

    /** Runs the command to its end; fails the test when it exits non-zero. */
    static Result run(String... command) {
        Result result = tryRun(command);
        if (result.exit != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (exit " + result.exit + "): "
                    + new String(result.stderr, StandardCharsets.UTF_8));
        }
        return result;
    }

    /** Runs the command to its end, whatever its exit status. */
    static Result tryRun(String... command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("iso-tool-", ".out");
            err = Files.createTempFile("iso-tool-", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover in the temporary directory harms nothing.
            }
        }
    }

    record Result(int exit, byte[] stdout, byte[] stderr) {
    }
}
