package io.gpucloud.compute;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Raw HTTP against the compute API in tests: method, path, microversion, body in; status and JSON out. */
public final class NovaClient {

    /** Status, the raw response, and the parsed body (null when empty or not JSON). */
    public record Response(int status, HttpResponse<String> raw, JsonNode body) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The fault's message, e.g. {@code {"badRequest": {"message": …}}} → the message. */
        public String faultMessage() {
            return body.properties().iterator().next().getValue().path("message").asString();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    public NovaClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public NovaClient as(String otherToken) {
        return new NovaClient(base, otherToken);
    }

    /** @param version a microversion such as "2.79", or null for none (2.1) */
    public Response call(String method, String path, String version, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        if (version != null) {
            request.header("OpenStack-API-Version", "compute " + version);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = null;
            if (!response.body().isEmpty() && response.body().trim().startsWith("{")) {
                parsed = JSON.readTree(response.body());
            }
            return new Response(response.statusCode(), response, parsed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request with a body of any type (image data, JSON patches). */
    public Response send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.body().trim().startsWith("{") ? JSON.readTree(response.body()) : null;
            return new Response(response.statusCode(), response, parsed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, String version) {
        return call("GET", path, version, null);
    }
}
