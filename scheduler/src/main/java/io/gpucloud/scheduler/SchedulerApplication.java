package io.gpucloud.scheduler;

import io.gpucloud.common.messaging.MessagingConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/** The Placement API and scheduler worker, port 8778, schema {@code placement}. */
@SpringBootApplication
@Import(MessagingConfiguration.class)
public class SchedulerApplication {

    /** The service's builder; it reads {@code scheduler.properties}, so services can share one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(SchedulerApplication.class).properties("spring.config.name=scheduler");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
