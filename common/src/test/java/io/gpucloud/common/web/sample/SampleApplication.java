package io.gpucloud.common.web.sample;

import io.gpucloud.common.web.RequestIdFilter;
import io.gpucloud.common.web.RequestUrls;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service for testing what common's auto-configuration gives every service. */
@SpringBootApplication
public class SampleApplication {

    @RestController
    static class SampleController {

        @GetMapping("/request-id")
        String requestId() {
            return RequestIdFilter.currentRequestId();
        }

        @GetMapping("/base-url")
        String baseUrl(HttpServletRequest request) {
            return RequestUrls.baseUrl(request);
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("boom");
        }
    }
}
