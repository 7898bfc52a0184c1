package io.gpucloud.agent;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The per-host compute agent. Not an API: its HTTP port only serves health and metrics. */
@SpringBootApplication
public class ComputeAgentApplication {

    /** The service's builder; it reads {@code compute-agent.properties}, so services can share one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ComputeAgentApplication.class).properties("spring.config.name=compute-agent");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
