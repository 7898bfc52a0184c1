package io.gpucloud.agent.discovery;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the real nvidia-smi binary, if the host has one. */
public final class ProcessNvidiaSmi implements NvidiaSmi {

    private static final Logger log = LoggerFactory.getLogger(ProcessNvidiaSmi.class);

    private final Optional<Path> binary;
    private final Duration timeout;

    public ProcessNvidiaSmi(Optional<Path> binary, Duration timeout) {
        this.binary = requireNonNull(binary, "binary is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** nvidia-smi as found on {@code PATH}; absent when it is not installed. */
    public static ProcessNvidiaSmi onPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        Optional<Path> found = Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, "nvidia-smi"))
                .filter(Files::isExecutable)
                .findFirst();
        return new ProcessNvidiaSmi(found, Duration.ofSeconds(30));
    }

    @Override
    public Optional<String> run(List<String> arguments) {
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(binary.get().toString());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                log.warn("{} did not answer within {}; going on without it", command, timeout);
                return Optional.empty();
            }
            String text = output.join();
            if (process.exitValue() != 0) {
                log.warn("{} exited with {}: {}; going on without it", command, process.exitValue(), text.strip());
                return Optional.empty();
            }
            return Optional.of(text);
        } catch (IOException e) {
            log.warn("cannot run {}: {}; going on without it", command, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
