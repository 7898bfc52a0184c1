package io.gpucloud.common.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults shared by every service, added with the lowest precedence, so that a service's own
 * {@code <module>.properties}, environment variables and command-line arguments all override them.
 *
 * <ul>
 *   <li>{@code spring.application.name} defaults to {@code spring.config.name} (the module name), and every
 *       meter gets the tag {@code service=<spring.application.name>};</li>
 *   <li>actuator exposes {@code health} and {@code prometheus} over HTTP, nothing else;</li>
 *   <li>the platform settings {@code cloud.db.url|user|password} and {@code cloud.amqp.url} feed Spring's
 *       data source and RabbitMQ settings, so a service needs no mapping of its own;</li>
 *   <li>Flyway runs only in a service that names its {@code spring.flyway.locations}: in the all-in-one JVM
 *       every service sees every other's dependencies, and one without a schema must not migrate anything;</li>
 *   <li>no static resources by default (APIs); the portal turns them back on.</li>
 * </ul>
 */
public final class ServiceDefaults implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE_NAME = "gpucloudServiceDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        String configName = environment.getProperty("spring.config.name");
        if (configName != null && !configName.contains(",")) {
            defaults.put("spring.application.name", configName);
        }
        defaults.put("management.endpoints.web.exposure.include", "health,prometheus");
        defaults.put("management.metrics.tags.service", "${spring.application.name:application}");
        // Several services share one JVM in the all-in-one launcher; the global registry would mix their meters.
        defaults.put("management.metrics.use-global-registry", "false");
        defaults.put("logging.pattern.correlation", "[%X{" + RequestIdFilter.MDC_KEY + ":-}] ");
        // The access line already records every 404; Spring would add a WARN for each unmapped path.
        defaults.put("logging.level.org.springframework.web.servlet.PageNotFound", "ERROR");
        defaults.put("spring.jpa.open-in-view", "false");
        defaults.put("spring.web.resources.add-mappings", "false");
        if (environment.containsProperty("cloud.db.url")) {
            defaults.put("spring.datasource.url", "${cloud.db.url}");
            defaults.put("spring.datasource.username", "${cloud.db.user:}");
            defaults.put("spring.datasource.password", "${cloud.db.password:}");
        }
        if (environment.containsProperty("cloud.amqp.url")) {
            defaults.put("spring.rabbitmq.addresses", "${cloud.amqp.url}");
        }
        if (!environment.containsProperty("spring.flyway.locations")) {
            defaults.put("spring.flyway.enabled", "false");
        }
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
    }
}
