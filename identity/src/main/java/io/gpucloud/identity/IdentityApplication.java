package io.gpucloud.identity;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.context.annotation.Import;
import io.gpucloud.common.messaging.MessagingConfiguration;

/** The identity service (Keystone v3 subset), port 5000, schema {@code identity}. */
@SpringBootApplication
@EnableScheduling
@Import(MessagingConfiguration.class)
public class IdentityApplication {

    /** The service's builder; it reads {@code identity.properties}, so services can share one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(IdentityApplication.class).properties("spring.config.name=identity");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
