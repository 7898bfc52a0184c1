package io.gpucloud.portal;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The self-service portal, port 8000: static pages that call the APIs. */
@SpringBootApplication
public class PortalApplication {

    /** The service's builder; it reads {@code portal.properties}, so services can share one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(PortalApplication.class).properties("spring.config.name=portal");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
