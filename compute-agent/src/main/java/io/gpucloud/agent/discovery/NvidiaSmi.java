package io.gpucloud.agent.discovery;

import java.util.List;
import java.util.Optional;

/**
 * Runs {@code nvidia-smi}. Tests pass a fake that answers with captured output.
 */
@FunctionalInterface
public interface NvidiaSmi {

    /**
     * The standard output of {@code nvidia-smi <arguments>}, or empty when there is no nvidia-smi on this host or
     * it could not answer (no driver loaded, every GPU bound to vfio-pci): discovery goes on without it.
     */
    Optional<String> run(List<String> arguments);
}
