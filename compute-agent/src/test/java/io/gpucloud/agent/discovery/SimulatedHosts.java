package io.gpucloud.agent.discovery;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the simulated hosts: deploy/hosts (shipped) and src/test/resources (test-only). */
final class SimulatedHosts {

    // Surefire runs in the module directory.
    private static final Path DEPLOY_HOSTS = Path.of("..", "deploy", "hosts").toAbsolutePath().normalize();
    private static final Path TEST_RESOURCES = Path.of("src", "test", "resources").toAbsolutePath();

    private SimulatedHosts() {}

    /** {@code test:///…/deploy/hosts/<name>}. */
    static String deployed(String name) {
        return uri(DEPLOY_HOSTS.resolve(name));
    }

    static Path deployedFile(String name) {
        return existing(DEPLOY_HOSTS.resolve(name));
    }

    static String testOnly(String name) {
        return uri(TEST_RESOURCES.resolve("hosts").resolve(name));
    }

    static Path testResource(String relative) {
        return existing(TEST_RESOURCES.resolve(relative));
    }

    private static String uri(Path file) {
        return "test://" + existing(file);
    }

    private static Path existing(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " does not exist");
        }
        return file;
    }
}
