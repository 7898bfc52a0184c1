package io.gpucloud.scheduler;

import io.gpucloud.common.messaging.MessagingConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/** The Placement API and scheduler worker, port 8778, schema {@code placement}. */
@SpringBootApplication
@Import(MessagingConfiguration.class)
public class SchedulerApplication {

    /**
     * Plain JDBC transactions, declared rather than left to auto-configuration: the worker claims inside
     * savepoints (nested transactions), which a JPA transaction manager refuses, and one is what Boot would make
     * wherever JPA is on the class path (the all-in-one, where identity brings it).
     */
    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    /** The service's builder; it reads {@code scheduler.properties}, so services can share one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(SchedulerApplication.class).properties("spring.config.name=scheduler");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
