package io.gpucloud.objectstorage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The verifier is a library the S3 controllers call, so it must stay free of Spring and servlet
 * types (which would tie it to one web stack and make it harder to test against the AWS vectors);
 * only the JDK and this package may be imported.
 */
class PureJdkPackageTest {
    private static final Path SOURCES = Path.of("src/main/java/io/gpucloud/objectstorage/s3/auth");

    @Test
    void mainSourcesImportOnlyTheJdk() throws IOException {
        List<String> foreignImports;
        try (Stream<Path> files = Files.list(SOURCES)) {
            foreignImports = files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(PureJdkPackageTest::importsOf)
                    .filter(line -> !line.matches(".*: import (static )?(java|javax\\.crypto)\\..*"))
                    .toList();
        }

        assertThat(foreignImports).isEmpty();
    }

    private static Stream<String> importsOf(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith("import ")).map(line -> file.getFileName() + ": " + line);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
