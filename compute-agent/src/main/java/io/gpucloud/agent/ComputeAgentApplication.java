package io.gpucloud.agent;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The per-host compute agent. Not an API: its HTTP port only serves health and metrics. It has no database (its
 * state is libvirt's domains and the control plane's records), so the JDBC and Flyway auto-configurations that
 * {@code common} brings onto the class path are switched off.
 */
@SpringBootApplication(excludeName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
public class ComputeAgentApplication {

    /** The service's builder; it reads {@code compute-agent.properties}, so services can share one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ComputeAgentApplication.class).properties("spring.config.name=compute-agent");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
