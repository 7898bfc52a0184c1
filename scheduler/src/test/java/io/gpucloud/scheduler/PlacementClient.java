package io.gpucloud.scheduler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Raw HTTP against the Placement API in tests: method, path, microversion, body in; status and JSON out. */
public final class PlacementClient {

    /** Status, the raw response, and the parsed body (null when empty). */
    public record Response(int status, HttpResponse<String> raw, JsonNode body) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** {@code errors[0].code}, for error responses. */
        public String errorCode() {
            return body.path("errors").get(0).path("code").asString();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    public PlacementClient(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    public PlacementClient as(String otherToken) {
        return new PlacementClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherToken);
    }

    /** @param version a microversion such as "1.39", or null for none */
    public Response call(String method, String path, String version, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        if (version != null) {
            request.header("OpenStack-API-Version", "placement " + version);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.body().isEmpty() ? null : JSON.readTree(response.body());
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
