package io.gpucloud.agent.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers nvidia-smi calls with output captured under src/test/resources/nvidia-smi; records what was asked. */
final class FakeNvidiaSmi implements NvidiaSmi {

    private final Map<List<String>, String> answers = new HashMap<>();
    final List<List<String>> calls = new ArrayList<>();

    /** A host without nvidia-smi. */
    static FakeNvidiaSmi absent() {
        return new FakeNvidiaSmi();
    }

    FakeNvidiaSmi answer(List<String> arguments, String capturedFile) {
        answers.put(arguments, captured(capturedFile));
        return this;
    }

    /** The text of a file under src/test/resources/nvidia-smi. */
    static String captured(String capturedFile) {
        try {
            return Files.readString(SimulatedHosts.testResource("nvidia-smi/" + capturedFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeNvidiaSmi answerText(List<String> arguments, String text) {
        answers.put(arguments, text);
        return this;
    }

    @Override
    public Optional<String> run(List<String> arguments) {
        calls.add(arguments);
        return Optional.ofNullable(answers.get(arguments));
    }
}
