package io.gpucloud.compute;

import io.gpucloud.common.messaging.MessagingConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/** The compute API (Nova v2.1 subset and the minimal Image API v2 under /image), port 8774, schema {@code compute}. */
@SpringBootApplication
@Import(MessagingConfiguration.class)
public class ComputeApiApplication {

    /** The service's builder; it reads {@code compute-api.properties}, so services can share one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ComputeApiApplication.class).properties("spring.config.name=compute-api");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
