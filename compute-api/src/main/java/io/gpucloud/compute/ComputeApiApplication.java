package io.gpucloud.compute;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The compute API (Nova v2.1 subset), port 8774, schema {@code compute}. */
@SpringBootApplication
public class ComputeApiApplication {

    /** The service's builder; it reads {@code compute-api.properties}, so services can share one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ComputeApiApplication.class).properties("spring.config.name=compute-api");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
