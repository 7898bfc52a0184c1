package io.gpucloud.compute.zone;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ZoneProperties.class)
class ZoneConfiguration {
}
