package io.gpucloud.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity's settings ({@code cloud.identity.*}).
 *
 * @param tokenTtl how long a token lives
 * @param bootstrap the administrator created on first start, like {@code keystone-manage bootstrap}
 */
@ConfigurationProperties("cloud.identity")
public record IdentityProperties(@DefaultValue("PT1H") Duration tokenTtl, @DefaultValue Bootstrap bootstrap) {

    /** The admin user, project and password; the password is required for the first start. */
    public record Bootstrap(@DefaultValue("admin") String adminUser, String adminPassword,
            @DefaultValue("admin") String adminProject) {
    }
}
