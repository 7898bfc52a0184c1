package io.gpucloud.baremetal;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The bare-metal service (Ironic subset), port 6385, schema {@code baremetal}. */
@SpringBootApplication
public class BaremetalApplication {

    /** The service's builder; it reads {@code baremetal-service.properties}, so services can share one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(BaremetalApplication.class).properties("spring.config.name=baremetal-service");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
