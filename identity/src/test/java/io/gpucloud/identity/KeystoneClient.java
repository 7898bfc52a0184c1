package io.gpucloud.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A minimal HTTP client for the identity API in tests: raw requests in, status + JSON out. */
public final class KeystoneClient {

    /** A response: status, headers and the parsed body (null when empty). */
    public record Response(int status, HttpResponse<String> raw, JsonNode body) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;

    public KeystoneClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Response call(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.body().isEmpty() ? null : json.readTree(response.body());
            return new Response(response.statusCode(), response, parsed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response call(String method, String path, String token, String body) {
        return call(method, path, token, body, Map.of());
    }

    public Response get(String path, String token) {
        return call("GET", path, token, null);
    }

    /** Password auth scoped to a project, by names in the Default domain; returns the response. */
    public Response passwordAuth(String user, String password, String project) {
        String scope = project == null ? "" : """
                ,"scope":{"project":{"name":"%s","domain":{"id":"default"}}}""".formatted(project);
        return call("POST", "/v3/auth/tokens", null, """
                {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s",
                "domain":{"name":"Default"},"password":"%s"}}}%s}}""".formatted(user, password, scope));
    }

    /** A project-scoped token, or an assertion failure. */
    public String token(String user, String password, String project) {
        Response response = passwordAuth(user, password, project);
        if (response.status() != 201) {
            throw new AssertionError("auth as " + user + " failed: " + response.status() + " " + response.raw().body());
        }
        return response.header("X-Subject-Token");
    }

    public JsonMapper json() {
        return json;
    }
}
