package io.gpucloud.coe;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The Kubernetes cluster service (Magnum subset), port 9511, schema {@code coe}. */
@SpringBootApplication
public class K8sClusterApplication {

    /** The service's builder; it reads {@code k8s-cluster-service.properties}, so services can share one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(K8sClusterApplication.class).properties("spring.config.name=k8s-cluster-service");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
