package io.gpucloud.identity.catalog;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where clients reach the services ({@code cloud.*}).
 *
 * @param publicHost the host name or address in every catalog URL
 * @param region the region every endpoint belongs to
 * @param servicePorts ports by module name ({@code compute-api: 18774}) where a service does not listen
 *     on its standard port (the all-in-one launcher passes all of them)
 * @param endpoints explicit public URLs by service type, overriding the URLs built from
 *     {@code publicHost} and the ports (e.g. behind a load balancer)
 */
@ConfigurationProperties("cloud")
public record CatalogProperties(@DefaultValue("127.0.0.1") String publicHost, @DefaultValue("RegionOne") String region,
        Map<String, Integer> servicePorts, Map<String, String> endpoints) {

    public CatalogProperties {
        servicePorts = servicePorts == null ? Map.of() : Map.copyOf(servicePorts);
        endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
    }
}
