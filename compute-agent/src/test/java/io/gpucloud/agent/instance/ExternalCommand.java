package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tool the tests check against (qemu-img, isoinfo, ...) with arguments, no shell, and a time limit. Output
 * goes to a temporary file rather than a pipe, so a chatty program cannot block on a full pipe. (The agent itself
 * starts no processes: it writes root disks and config drives in Java.)
 */
public final class ExternalCommand {

    private static final int OUTPUT_TAIL = 2000;

    private final Duration timeout;

    public ExternalCommand(Duration timeout) {
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** Whether {@code program} is an executable on the PATH. */
    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the command to its end.
     *
     * @return its output (stdout and stderr together)
     * @throws CommandFailedException when it cannot start, exits non-zero or runs past the timeout
     */
    public String run(List<String> command) {
        String name = command.get(0);
        Path output = null;
        try {
            output = Files.createTempFile("gpucloud-agent-", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CommandFailedException(name + " did not finish within " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new CommandFailedException(name + " failed (exit " + process.exitValue() + "): " + tail(text));
            }
            return text;
        } catch (IOException e) {
            throw new CommandFailedException("cannot run " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted while running " + name, e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // A leftover file in the temp directory harms nothing.
                }
            }
        }
    }

    private static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= OUTPUT_TAIL ? trimmed : "…" + trimmed.substring(trimmed.length() - OUTPUT_TAIL);
    }
}
