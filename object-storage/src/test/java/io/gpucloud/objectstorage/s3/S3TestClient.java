package io.gpucloud.objectstorage.s3;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small S3 client for tests that signs its requests with AWS Signature Version 4 as AWS documents it
 * (written here independently of the service's verifier): header signatures over a hashed payload,
 * aws-chunked bodies with chunk signatures, and presigned URLs. Paths and queries are passed raw (already
 * encoded; {@link #path} and {@link #query} encode as the SDKs do), and signed exactly as sent.
 */
final class S3TestClient {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** A response: status, headers, body. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String text() {
            return new String(body, UTF_8);
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** The {@code <Code>} of an S3 error body. */
        String code() {
            return element("Code");
        }

        String element(String name) {
            Matcher m = Pattern.compile("<" + name + ">(.*?)</" + name + ">", Pattern.DOTALL).matcher(text());
            return m.find() ? m.group(1) : null;
        }

        List<String> elements(String name) {
            Matcher m = Pattern.compile("<" + name + ">(.*?)</" + name + ">", Pattern.DOTALL).matcher(text());
            List<String> found = new ArrayList<>();
            while (m.find()) {
                found.add(m.group(1));
            }
            return found;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String host;
    private final String accessKey;
    private final String secret;
    private final String region;

    S3TestClient(int port, String accessKey, String secret, String region) {
        this.host = "127.0.0.1:" + port;
        this.accessKey = accessKey;
        this.secret = secret;
        this.region = region;
    }

    String endpoint() {
        return "http://" + host;
    }

    S3TestClient withSecret(String otherSecret) {
        return new S3TestClient(Integer.parseInt(host.substring(host.indexOf(':') + 1)), accessKey, otherSecret, region);
    }

    /** {@code /bucket/key} with the key encoded as the SDKs do: all but unreserved characters and '/'. */
    static String path(String bucket, String key) {
        return "/" + bucket + (key == null ? "" : "/" + encode(key, false));
    }

    /** A query from names and values; a null value is a bare sub-resource ({@code ?uploads}). */
    static String query(String... namesAndValues) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            pairs.add(encode(namesAndValues[i], true) + (value == null ? "" : "=" + encode(value, true)));
        }
        return String.join("&", pairs);
    }

    Response send(String method, String rawPath, String rawQuery, byte[] body, String... headers) {
        byte[] payload = body == null ? new byte[0] : body;
        return signedSend(method, rawPath, rawQuery, payload, hex(sha256(payload)), headers);
    }

    Response get(String rawPath, String... headers) {
        return send("GET", rawPath, null, null, headers);
    }

    Response put(String rawPath, byte[] body, String... headers) {
        return send("PUT", rawPath, null, body, headers);
    }

    /** The body as aws-chunked, each chunk signed in a chain from the request's signature. */
    Response putChunked(String rawPath, byte[] body, int chunkSize, boolean corruptLastSignature, String... headers) {
        Instant now = Instant.now();
        String amzDate = AMZ_DATE.format(now);
        String scope = amzDate.substring(0, 8) + "/" + region + "/s3/aws4_request";
        List<String> all = new ArrayList<>(List.of(headers));
        all.addAll(List.of("Content-Encoding", "aws-chunked", "x-amz-decoded-content-length", Integer.toString(body.length)));
        SignedHeaders signed = sign("PUT", rawPath, null, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", all, now);
        byte[] key = signingKey(amzDate.substring(0, 8));
        String previous = signed.signature();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int offset = 0;
        while (true) {
            int length = Math.min(chunkSize, body.length - offset);
            byte[] chunk = java.util.Arrays.copyOfRange(body, offset, offset + length);
            String toSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                    + hex(sha256(new byte[0])) + "\n" + hex(sha256(chunk));
            String signature = hex(hmac(key, toSign));
            if (corruptLastSignature && length == 0) {
                signature = signature.substring(1) + (signature.charAt(0) == '0' ? '1' : '0');
            }
            out.writeBytes((Integer.toHexString(length) + ";chunk-signature=" + signature + "\r\n").getBytes(UTF_8));
            out.writeBytes(chunk);
            out.writeBytes("\r\n".getBytes(UTF_8));
            previous = signature;
            offset += length;
            if (length == 0) {
                break;
            }
        }
        return execute("PUT", rawPath, null, out.toByteArray(), signed.headers());
    }

    /** A presigned URL for {@code method} on {@code rawPath}, valid for {@code expires}. */
    URI presign(String method, String rawPath, Duration expires, Instant signedAt) {
        String amzDate = AMZ_DATE.format(signedAt);
        String scope = amzDate.substring(0, 8) + "/" + region + "/s3/aws4_request";
        String rawQuery = query("X-Amz-Algorithm", ALGORITHM, "X-Amz-Credential", accessKey + "/" + scope,
                "X-Amz-Date", amzDate, "X-Amz-Expires", Long.toString(expires.toSeconds()), "X-Amz-SignedHeaders", "host");
        String canonical = method + "\n" + rawPath + "\n" + canonicalQuery(rawQuery) + "\nhost:" + host + "\n\nhost\nUNSIGNED-PAYLOAD";
        String toSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical.getBytes(UTF_8)));
        String signature = hex(hmac(signingKey(amzDate.substring(0, 8)), toSign));
        return URI.create(endpoint() + rawPath + "?" + rawQuery + "&X-Amz-Signature=" + signature);
    }

    /** A request with no credentials at all. */
    Response anonymous(String method, String rawPath, byte[] body) {
        return execute(method, rawPath, null, body == null ? new byte[0] : body, List.of());
    }

    Response fetch(String method, URI uri, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return exchange(request);
    }

    private Response signedSend(String method, String rawPath, String rawQuery, byte[] payload, String payloadHash,
            String... headers) {
        SignedHeaders signed = sign(method, rawPath, rawQuery, payloadHash, List.of(headers), Instant.now());
        return execute(method, rawPath, rawQuery, payload, signed.headers());
    }

    private record SignedHeaders(List<String> headers, String signature) {
    }

    private SignedHeaders sign(String method, String rawPath, String rawQuery, String payloadHash, List<String> extra,
            Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String scope = amzDate.substring(0, 8) + "/" + region + "/s3/aws4_request";
        TreeMap<String, String> canonicalHeaders = new TreeMap<>();
        canonicalHeaders.put("host", host);
        canonicalHeaders.put("x-amz-date", amzDate);
        canonicalHeaders.put("x-amz-content-sha256", payloadHash);
        for (int i = 0; i < extra.size(); i += 2) {
            canonicalHeaders.put(extra.get(i).toLowerCase(java.util.Locale.ROOT), extra.get(i + 1).strip());
        }
        String signedHeaderNames = String.join(";", canonicalHeaders.keySet());
        StringBuilder canonical = new StringBuilder(method).append('\n').append(rawPath).append('\n')
                .append(canonicalQuery(rawQuery)).append('\n');
        canonicalHeaders.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        canonical.append('\n').append(signedHeaderNames).append('\n').append(payloadHash);
        String toSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical.toString().getBytes(UTF_8)));
        String signature = hex(hmac(signingKey(amzDate.substring(0, 8)), toSign));
        List<String> headers = new ArrayList<>(extra);
        headers.addAll(List.of("x-amz-date", amzDate, "x-amz-content-sha256", payloadHash, "Authorization",
                ALGORITHM + " Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaderNames
                        + ", Signature=" + signature));
        return new SignedHeaders(headers, signature);
    }

    private Response execute(String method, String rawPath, String rawQuery, byte[] payload, List<String> headers) {
        String uri = endpoint() + rawPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(120))
                .method(method, payload.length == 0 && !method.equals("PUT") && !method.equals("POST")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(payload));
        if (!headers.isEmpty()) {
            request.headers(headers.toArray(String[]::new));
        }
        return exchange(request);
    }

    private Response exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SigV4's canonical query: pairs sorted by name, then value; a bare name signs as {@code name=}. */
    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            pairs.add(equals < 0 ? new String[] {pair, ""} : new String[] {pair.substring(0, equals), pair.substring(equals + 1)});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        List<String> joined = new ArrayList<>();
        pairs.forEach(p -> joined.add(p[0] + "=" + p[1]));
        return String.join("&", joined);
    }

    private byte[] signingKey(String day) {
        byte[] key = hmac(("AWS4" + secret).getBytes(UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, "s3");
        return hmac(key, "aws4_request");
    }

    static String encode(String value, boolean encodeSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] data) {
        return HexFormat.of().formatHex(data);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
