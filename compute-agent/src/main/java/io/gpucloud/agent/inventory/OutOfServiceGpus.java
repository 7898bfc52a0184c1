package io.gpucloud.agent.inventory;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.host.PciAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GPUs an operator took out of service: those configured, plus those listed in a file the agent re-reads on
 * every inventory sync, so that a failing GPU is drained without restarting the agent or touching its guests:
 * <pre>
 * # PCI address, then why (optional)
 * 0000:3b:00.0  XID 79, fell off the bus
 * </pre>
 */
public final class OutOfServiceGpus {

    private static final Logger log = LoggerFactory.getLogger(OutOfServiceGpus.class);

    private final Set<PciAddress> configured;
    private final Path file;

    public OutOfServiceGpus(Collection<String> configured, Path file) {
        this.configured = new HashSet<>();
        configured.forEach(address -> this.configured.add(PciAddress.parse(address)));
        this.file = requireNonNull(file, "file is null");
    }

    /** The configured GPUs and those in the file now; a line that is not a PCI address is logged and skipped. */
    public Set<PciAddress> current() {
        Set<PciAddress> out = new HashSet<>(configured);
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String address = text.split("\\s+", 2)[0];
                try {
                    out.add(PciAddress.parse(address));
                }
                catch (IllegalArgumentException e) {
                    log.warn("{}: ignoring '{}': {}", file, text, e.getMessage());
                }
            }
        }
        catch (NoSuchFileException absent) {
            // No file: only the configured ones.
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
