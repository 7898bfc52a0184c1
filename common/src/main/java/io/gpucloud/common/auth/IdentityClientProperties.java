package io.gpucloud.common.auth;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a service finds identity ({@code cloud.identity.url}, its v3 root) and how often it refreshes the
 * signing keys and revocation list ({@code cloud.identity.key-refresh}): the longest a revoked token is
 * still accepted by this service.
 */
@ConfigurationProperties("cloud.identity")
public record IdentityClientProperties(@DefaultValue("http://127.0.0.1:5000/v3") URI url,
        @DefaultValue("PT3S") Duration keyRefresh) {
}
