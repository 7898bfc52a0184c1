package io.gpucloud.identity.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.gpucloud.common.web.RequestUrls;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Keystone's {@code links} objects, built from the URL the client used. */
public final class Links {

    private Links() {
    }

    public static Map<String, Object> self(String path) {
        return Map.of("self", base() + path);
    }

    /** {@code {"<key>": [...], "links": {"self", "previous": null, "next": null}}}. */
    public static Map<String, Object> collection(String key, List<?> items, String path) {
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", base() + path);
        links.put("previous", null);
        links.put("next", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, items);
        body.put("links", links);
        return body;
    }

    /** The base URL of the request being served (see {@link RequestUrls#baseUrl}). */
    public static String base() {
        return RequestUrls.baseUrl(
                ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest());
    }
}
