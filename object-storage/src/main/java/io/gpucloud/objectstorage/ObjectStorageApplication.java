package io.gpucloud.objectstorage;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The object-storage service (Swift v1 and S3), port 8080, schema {@code object}. */
@SpringBootApplication
public class ObjectStorageApplication {

    /** The service's builder; it reads {@code object-storage.properties}, so services can share one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ObjectStorageApplication.class).properties("spring.config.name=object-storage");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
