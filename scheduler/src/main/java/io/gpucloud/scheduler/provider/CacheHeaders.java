package io.gpucloud.scheduler.provider;

import io.gpucloud.common.api.ApiVersion;
import java.time.Instant;
import org.springframework.http.HttpHeaders;

/**
 * From 1.15 Placement's GET responses (and the writes that return a body) say {@code Cache-Control: no-cache}
 * and carry a {@code Last-Modified}; before 1.15 they carry neither.
 */
public final class CacheHeaders {

    private CacheHeaders() {
    }

    /** @param lastModified when the data shown last changed; now where that is not tracked */
    public static HttpHeaders of(ApiVersion version, Instant lastModified) {
        HttpHeaders headers = new HttpHeaders();
        if (version.atLeast(1, 15)) {
            headers.setCacheControl("no-cache");
            headers.setLastModified(lastModified);
        }
        return headers;
    }

    public static HttpHeaders now(ApiVersion version) {
        return of(version, Instant.now());
    }
}
