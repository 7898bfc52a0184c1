package io.gpucloud.objectstorage.s3;

import io.gpucloud.objectstorage.s3.auth.AccessKeySecret;
import io.gpucloud.objectstorage.s3.auth.PayloadDecoder;
import io.gpucloud.objectstorage.s3.auth.S3AuthSettings;
import io.gpucloud.objectstorage.s3.auth.SecretLookup;
import io.gpucloud.objectstorage.s3.auth.SigV4Verifier;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The S3 API's pipeline: one filter takes every S3 request (see {@link S3Routing}) before Swift's token
 * filter and Spring MVC, verifies its SigV4 signature and serves it. Access keys come from the
 * {@link SecretLookup} bean (identity's EC2 credentials); without one, no key is known and every signed
 * request is answered InvalidAccessKeyId.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(S3Properties.class)
class S3WebConfiguration {

    private static final Logger log = LoggerFactory.getLogger(S3WebConfiguration.class);

    @Bean
    S3AuthSettings s3AuthSettings(S3Properties properties) {
        return new S3AuthSettings(properties.regions(), properties.maxClockSkew(), S3AuthSettings.DEFAULT_MAX_CHUNK_SIZE,
                properties.missingContentSha256());
    }

    @Bean
    SigV4Verifier sigV4Verifier(ObjectProvider<SecretLookup> secrets, S3AuthSettings settings) {
        SecretLookup lookup = secrets.getIfAvailable(() -> {
            log.warn("No SecretLookup bean: S3 knows no access keys and refuses every request");
            return accessKeyId -> Optional.<AccessKeySecret>empty();
        });
        return new SigV4Verifier(lookup, settings, Clock.systemUTC());
    }

    @Bean
    PayloadDecoder payloadDecoder(S3AuthSettings settings) {
        return new PayloadDecoder(settings);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> s3ExpectContinue() {
        return factory -> factory.addEngineValves(new ContinueWithoutInterimResponseValve());
    }

    @Bean
    FilterRegistrationBean<S3RequestFilter> s3RequestFilter(SigV4Verifier verifier, PayloadDecoder payloads,
            S3Dispatcher dispatcher) {
        FilterRegistrationBean<S3RequestFilter> registration =
                new FilterRegistrationBean<>(new S3RequestFilter(verifier, payloads, dispatcher));
        // After the request-id filter (whose id becomes x-amz-request-id), before Swift's filters and tokens.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }
}
