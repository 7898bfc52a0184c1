package io.gpucloud.objectstorage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The storage engine ({@code store}) knows nothing of HTTP or of the APIs built on it, so that Swift and S3
 * share it: it imports no web, servlet or API package. Checked on the sources, one import line at a time.
 */
class LayeringTest {

    private static final Path STORE = Path.of("src/main/java/io/gpucloud/objectstorage/store");
    private static final List<String> FORBIDDEN = List.of("import org.springframework.web", "import org.springframework.http",
            "import jakarta.servlet", "import io.gpucloud.objectstorage.swift", "import io.gpucloud.objectstorage.s3",
            "import io.gpucloud.common.api");

    @Test
    void theStorageEngineImportsNoHttpOrApiPackage() throws IOException {
        try (Stream<Path> sources = Files.list(STORE)) {
            List<Path> files = sources.filter(f -> f.toString().endsWith(".java")).toList();
            assertThat(files).isNotEmpty();
            for (Path file : files) {
                for (String line : Files.readAllLines(file)) {
                    assertThat(FORBIDDEN).as(file + ": " + line).noneMatch(line::startsWith);
                }
            }
        }
    }
}
