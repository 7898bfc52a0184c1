package io.gpucloud.scheduler.candidate;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link CandidateIndexProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CandidateIndexProperties.class)
class CandidateConfiguration {
}
