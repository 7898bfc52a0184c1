package io.gpucloud.objectstorage.s3;

import static java.util.Objects.requireNonNull;

import io.gpucloud.objectstorage.s3.auth.PayloadDecoder;
import io.gpucloud.objectstorage.s3.auth.SignedRequest;
import io.gpucloud.objectstorage.s3.auth.VerifiedRequest;
import io.gpucloud.objectstorage.store.Names;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** An authenticated S3 request: who sent it (the project), what it names, and its body as verified bytes. */
final class S3Request {

    private final HttpServletRequest http;
    private final HttpServletResponse response;
    private final S3Path path;
    private final SignedRequest signed;
    private final VerifiedRequest verified;
    private final PayloadDecoder payloads;

    S3Request(HttpServletRequest http, HttpServletResponse response, S3Path path, SignedRequest signed,
            VerifiedRequest verified, PayloadDecoder payloads) {
        this.http = requireNonNull(http, "http is null");
        this.response = requireNonNull(response, "response is null");
        this.path = requireNonNull(path, "path is null");
        this.signed = requireNonNull(signed, "signed is null");
        this.verified = requireNonNull(verified, "verified is null");
        this.payloads = requireNonNull(payloads, "payloads is null");
    }

    HttpServletRequest http() {
        return http;
    }

    HttpServletResponse response() {
        return response;
    }

    S3Path path() {
        return path;
    }

    /** The project whose account the request acts on: the access key's. */
    String project() {
        return verified.projectId();
    }

    String method() {
        return http.getMethod();
    }

    boolean isHead() {
        return "HEAD".equals(http.getMethod());
    }

    String bucket() {
        return path.bucket();
    }

    /** The key, checked against S3's 1,024-byte limit. */
    String key() {
        String key = path.key();
        if (key.getBytes(StandardCharsets.UTF_8).length > Names.MAX_OBJECT_NAME_BYTES) {
            throw new S3Exception(S3Error.KEY_TOO_LONG, "Your key is too long");
        }
        return key;
    }

    String header(String name) {
        return http.getHeader(name);
    }

    /** The body, decoded (aws-chunked) and checked (payload hash, chunk signatures, checksums) as it is read. */
    InputStream body() throws IOException {
        return payloads.open(verified, signed, http.getInputStream());
    }

    /** The length of the object's bytes in the body: the decoded length of an aws-chunked body; -1 when unknown. */
    long contentLength() {
        if (verified.payloadMode().isStreaming()) {
            String decoded = header("x-amz-decoded-content-length");
            try {
                return decoded == null ? -1 : Long.parseLong(decoded.strip());
            } catch (NumberFormatException e) {
                throw S3Exception.invalidArgument("x-amz-decoded-content-length is not a length.");
            }
        }
        return http.getContentLengthLong();
    }

    /** The length of an upload, which S3 requires unless the body is chunked. */
    long requireContentLength() {
        long length = contentLength();
        String transferEncoding = header("Transfer-Encoding");
        boolean chunked = transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked");
        if (length < 0 && !chunked) {
            throw new S3Exception(S3Error.MISSING_CONTENT_LENGTH, "You must provide the Content-Length HTTP header.");
        }
        return length;
    }

    /** A small body (an XML request), read whole; longer than {@code limit} bytes is MalformedXML. */
    byte[] smallBody(int limit) throws IOException {
        try (InputStream body = body()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
                if (bytes.size() > limit) {
                    throw new S3Exception(S3Error.MALFORMED_XML, "The XML you provided was too large.");
                }
            }
            return bytes.toByteArray();
        }
    }
}
