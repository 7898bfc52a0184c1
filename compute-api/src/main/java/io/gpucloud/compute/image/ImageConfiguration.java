package io.gpucloud.compute.image;

import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImageProperties.class)
class ImageConfiguration {

    @Bean
    ImageDataStore imageDataStore(ImageProperties properties, Environment environment) {
        // The same default object storage uses for its data: beside the rest of the cloud's data when the
        // all-in-one launcher sets CLOUD_DATA_DIR.
        Path directory = properties.dataPath() != null ? properties.dataPath()
                : Path.of(environment.resolvePlaceholders("${CLOUD_DATA_DIR:./var}"), "images");
        return new ImageDataStore(directory, properties.maxSize().toBytes());
    }
}
