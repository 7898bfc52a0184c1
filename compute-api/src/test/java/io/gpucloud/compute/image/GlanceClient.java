package io.gpucloud.compute.image;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Raw HTTP against the image API in tests: JSON, JSON patch and octet streams in; status, headers, body out. */
final class GlanceClient {

    record Response(int status, HttpResponse<String> raw) {
        JsonNode json() {
            return JSON.readTree(raw.body());
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    GlanceClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    Response get(String path) {
        return send(request(path).GET().header("Accept", "application/json"));
    }

    Response getHtml(String path) {
        return send(request(path).GET());
    }

    Response post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    Response patch(String path, String json) {
        return patch(path, json, "application/openstack-images-v2.1-json-patch");
    }

    Response patch(String path, String json, String contentType) {
        return send(request(path).method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", contentType));
    }

    Response put(String path, byte[] data) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(data))
                .header("Content-Type", "application/octet-stream"));
    }

    /** Streams the body without a length (chunked), as a client uploading a file it never holds in memory. */
    Response putStream(String path, Supplier<InputStream> data) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofInputStream(data))
                .header("Content-Type", "application/octet-stream"));
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    HttpResponse<InputStream> download(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        return request;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
