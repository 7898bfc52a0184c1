package io.gpucloud.objectstorage.http;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets object names hold {@code /} and {@code \} sent encoded ({@code %2F}, {@code %5C}). Tomcat refuses both
 * with a 400 by default, since to a servlet they could smuggle a path separator past its path checks. Here no
 * path check depends on them: Swift and S3 split the raw request URI ({@code getRequestURI()}) themselves,
 * decode each part after the split, and an object name never becomes a file-system path. So Tomcat passes both
 * escapes through undecoded. awscli, s3cmd and swiftclient send a backslash in a key as {@code %5C}, so without
 * this a key such as {@code logs\2026\a.txt} could not be stored.
 */
@Configuration(proxyBeanMethods = false)
class EncodedSlashesInNames {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesPassThrough() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        });
    }
}
