package io.gpucloud.objectstorage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.util.UriUtils;

/**
 * A plain HTTP client for the Swift API: one account and one token. Names are percent-encoded as
 * swiftclient does (everything but unreserved characters and '/').
 */
public final class SwiftClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String account;
    private final String token;

    public SwiftClient(String base, String account, String token) {
        this.base = base;
        this.account = account;
        this.token = token;
    }

    public String account() {
        return account;
    }

    public String token() {
        return token;
    }

    public String storageUrl() {
        return base + "/v1/" + account;
    }

    public SwiftClient withToken(String otherToken) {
        return new SwiftClient(base, account, otherToken);
    }

    public SwiftClient onAccount(String otherAccount) {
        return new SwiftClient(base, otherAccount, token);
    }

    /** {@code path} relative to the account: "" for the account, "c", "c/o"; already encoded. */
    public HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) {
        String url = storageUrl() + (path.isEmpty() ? "" : "/" + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        List<String> all = new ArrayList<>(List.of(headers));
        if (token != null) {
            all.add("X-Auth-Token");
            all.add(token);
        }
        if (!all.isEmpty()) {
            request.headers(all.toArray(String[]::new));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> head(String path, String... headers) {
        return send("HEAD", path, null, headers);
    }

    public HttpResponse<byte[]> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public HttpResponse<byte[]> put(String path, byte[] body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public HttpResponse<byte[]> post(String path, String... headers) {
        return send("POST", path, new byte[0], headers);
    }

    public HttpResponse<byte[]> delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    public static String encode(String name) {
        return UriUtils.encodePath(name, StandardCharsets.UTF_8);
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
