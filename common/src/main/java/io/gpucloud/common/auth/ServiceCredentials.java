package io.gpucloud.common.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The account a service (or a compute agent) calls other services' APIs with, {@code cloud.service-auth.*}:
 * a user with the admin role on a project, like the {@code nova}/{@code placement} service users of an
 * OpenStack deployment. The password is only ever sent to identity.
 */
@ConfigurationProperties("cloud.service-auth")
public record ServiceCredentials(String username, String password, String projectName,
        @DefaultValue("Default") String userDomainName, @DefaultValue("Default") String projectDomainName) {

    /** Whether a user and password are configured at all. */
    public boolean configured() {
        return username != null && !username.isBlank() && password != null && projectName != null
                && !projectName.isBlank();
    }

    @Override
    public String toString() {
        return "ServiceCredentials[username=" + username + ", projectName=" + projectName + ", password=****]";
    }
}
