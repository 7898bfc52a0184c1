package io.gpucloud.objectstorage.store;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The storage engine's beans: the data path and the collector's schedule. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ObjectStorageProperties.class)
@EnableScheduling
class StoreConfiguration {

    @Bean
    BlobStore blobStore(ObjectStorageProperties properties) {
        return new BlobStore(properties.dataPath());
    }
}
