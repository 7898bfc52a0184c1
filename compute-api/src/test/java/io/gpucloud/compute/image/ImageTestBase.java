package io.gpucloud.compute.image;

import io.gpucloud.compute.ComputeTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/** The compute API with image data in a temporary directory of this test run, shared by the image tests. */
abstract class ImageTestBase extends ComputeTestBase {

    static final Path DATA_PATH = IMAGE_DATA;

    GlanceClient glance() {
        return new GlanceClient("http://127.0.0.1:" + port, TOKENS.admin());
    }

    GlanceClient glance(String projectId) {
        return new GlanceClient("http://127.0.0.1:" + port, TOKENS.member(projectId));
    }
}
