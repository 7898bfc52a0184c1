package io.gpucloud.volume;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The block-storage service (Cinder v3 subset), port 8776, schema {@code volume}. */
@SpringBootApplication
public class BlockStorageApplication {

    /** The service's builder; it reads {@code block-storage.properties}, so services can share one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(BlockStorageApplication.class).properties("spring.config.name=block-storage");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
