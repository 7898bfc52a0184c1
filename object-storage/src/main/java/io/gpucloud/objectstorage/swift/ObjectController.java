package io.gpucloud.objectstorage.swift;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.objectstorage.http.BodySender;
import io.gpucloud.objectstorage.store.ByteRange;
import io.gpucloud.objectstorage.store.ObjectReadout;
import io.gpucloud.objectstorage.store.ObjectService;
import io.gpucloud.objectstorage.store.StorageException;
import io.gpucloud.objectstorage.store.StoredObject;
import io.gpucloud.objectstorage.store.UserMetadata;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * {@code /v1/AUTH_<project>/<container>/<object…>}: upload (PUT, streamed; also server-side copy through
 * {@code X-Copy-From}), read (GET with ranges and conditions, HEAD), replace metadata (POST), delete. Static
 * large-object manifests ({@code ?multipart-manifest=put|get|delete}) are in {@link ManifestRequests}.
 */
@RestController
@RequestMapping("/v1/{account}/{container}/**")
class ObjectController {

    private final ObjectService objects;
    private final ManifestRequests manifests;

    ObjectController(ObjectService objects, ManifestRequests manifests) {
        this.objects = requireNonNull(objects, "objects is null");
        this.manifests = requireNonNull(manifests, "manifests is null");
    }

    @RequestMapping(method = RequestMethod.PUT)
    ResponseEntity<Void> put(AuthContext caller, HttpServletRequest request) throws IOException {
        SwiftPath path = objectPath(request);
        SwiftAccess.requireWrite(caller, path);
        if (request.getHeader("X-Copy-From") != null) {
            return copy(caller, request, path);
        }
        if ("put".equals(request.getParameter("multipart-manifest"))) {
            return manifests.put(request, path);
        }
        String ifNoneMatch = request.getHeader("If-None-Match");
        if ("*".equals(ifNoneMatch) && objects.find(path.project(), path.container(), path.object()).isPresent()) {
            throw new ApiException(412, "Precondition Failed");
        }
        long length = request.getContentLengthLong();
        String transferEncoding = request.getHeader("Transfer-Encoding");
        if (length < 0 && (transferEncoding == null || !transferEncoding.toLowerCase(Locale.ROOT).contains("chunked"))) {
            throw new ApiException(411, "Length Required");
        }
        String manifest = request.getHeader("X-Object-Manifest");
        StoredObject stored;
        try (InputStream body = request.getInputStream()) {
            stored = objects.put(path.project(), path.container(), path.object(), body, new ObjectService.Upload(length,
                    SwiftHeaders.bareEtag(request.getHeader("ETag")), contentType(request, path.object()),
                    UserMetadata.of(SwiftHeaders.objectMetadata(request)),
                    manifest == null ? null : SwiftPath.decode(manifest.strip())));
        }
        return created(stored, stored.isDynamicLargeObject());
    }

    @RequestMapping(method = {RequestMethod.GET, RequestMethod.HEAD})
    void read(AuthContext caller, HttpServletRequest request, HttpServletResponse response) throws IOException {
        SwiftPath path = objectPath(request);
        SwiftAccess.requireRead(caller, path);
        if ("get".equals(request.getParameter("multipart-manifest")) && manifests.writeManifest(request, response, path)) {
            return;
        }
        try (ObjectReadout readout = objects.open(path.project(), path.container(), path.object())) {
            StoredObject object = readout.object();
            boolean large = object.isStaticLargeObject() || object.isDynamicLargeObject();
            String etag = large ? "\"" + readout.etag() + "\"" : readout.etag();
            setObjectHeaders(response, object, etag);
            OptionalInt condition = Preconditions.evaluate(request, readout.etag(), object.lastModified());
            if (condition.isPresent()) {
                response.setStatus(condition.getAsInt());
                response.setContentLength(0);
                return;
            }
            Optional<ByteRange> range;
            try {
                range = ByteRange.parse(request.getHeader(HttpHeaders.RANGE), readout.size());
            } catch (ByteRange.Unsatisfiable e) {
                response.setStatus(416);
                response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + readout.size());
                response.setContentType(SwiftHeaders.TEXT_HTML);
                response.setContentLength(0);
                return;
            }
            long first = range.map(ByteRange::first).orElse(0L);
            long length = range.map(ByteRange::length).orElse(readout.size());
            if (range.isPresent()) {
                response.setStatus(206);
                response.setHeader(HttpHeaders.CONTENT_RANGE,
                        "bytes " + first + "-" + range.get().last() + "/" + readout.size());
            } else {
                response.setStatus(200);
            }
            response.setContentLengthLong(length);
            if (request.getMethod().equals("HEAD")) {
                return;
            }
            try {
                BodySender.send(request, response, readout, first, length);
            } catch (ObjectReadout.SegmentChangedException e) {
                if (response.isCommitted()) {
                    throw e; // bytes are out: breaking the connection is the only signal left
                }
                response.reset();
                throw new StorageException(StorageException.Reason.SEGMENT_CHANGED, e.getMessage(), e);
            }
        }
    }

    /** Replaces all user metadata (and the content type, when one is sent): Swift's fast-POST. */
    @RequestMapping(method = RequestMethod.POST)
    ResponseEntity<Void> updateMetadata(AuthContext caller, HttpServletRequest request) {
        SwiftPath path = objectPath(request);
        SwiftAccess.requireWrite(caller, path);
        objects.updateMetadata(path.project(), path.container(), path.object(),
                UserMetadata.of(SwiftHeaders.objectMetadata(request)), request.getContentType());
        return ResponseEntity.status(HttpStatus.ACCEPTED).headers(html()).build();
    }

    @RequestMapping(method = RequestMethod.DELETE)
    ResponseEntity<?> delete(AuthContext caller, HttpServletRequest request) {
        SwiftPath path = objectPath(request);
        SwiftAccess.requireWrite(caller, path);
        if ("delete".equals(request.getParameter("multipart-manifest"))) {
            return manifests.delete(request, path);
        }
        objects.delete(path.project(), path.container(), path.object());
        return ResponseEntity.noContent().headers(html()).build();
    }

    /** {@code PUT} with {@code X-Copy-From: /container/object} (and {@code COPY}, rewritten to it by a filter). */
    private ResponseEntity<Void> copy(AuthContext caller, HttpServletRequest request, SwiftPath target) {
        String source = request.getHeader("X-Copy-From").strip();
        String trimmed = source.startsWith("/") ? source.substring(1) : source;
        int slash = trimmed.indexOf('/');
        if (slash <= 0 || slash == trimmed.length() - 1) {
            throw new ApiException(412, "X-Copy-From header must be of the form <container name>/<object name>");
        }
        String sourceContainer = SwiftPath.decode(trimmed.substring(0, slash));
        String sourceObject = SwiftPath.decode(trimmed.substring(slash + 1));
        String sourceAccount = Optional.ofNullable(request.getHeader("X-Copy-From-Account"))
                .map(a -> SwiftPath.decode(a.strip())).orElse(target.account());
        if (!sourceAccount.startsWith(SwiftPath.ACCOUNT_PREFIX)) {
            throw new ApiException(412, "X-Copy-From-Account must name an AUTH_ account");
        }
        String sourceProject = sourceAccount.substring(SwiftPath.ACCOUNT_PREFIX.length());
        SwiftAccess.require(caller, sourceProject, false);
        StoredObject stored = objects.copy(sourceProject, sourceContainer, sourceObject, target.project(),
                target.container(), target.object(), new ObjectService.CopyOptions(request.getContentType(),
                        SwiftHeaders.objectMetadata(request), "true".equalsIgnoreCase(request.getHeader("X-Fresh-Metadata"))));
        ResponseEntity<Void> created = created(stored, false);
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(created.getHeaders());
        headers.set("X-Copied-From", trimmed);
        if (!sourceAccount.equals(target.account())) {
            headers.set("X-Copied-From-Account", sourceAccount);
        }
        return ResponseEntity.status(HttpStatus.CREATED).headers(headers).build();
    }

    static ResponseEntity<Void> created(StoredObject stored, boolean quoteEtag) {
        HttpHeaders headers = html();
        headers.set(HttpHeaders.ETAG, quoteEtag ? "\"" + stored.etag() + "\"" : stored.etag());
        headers.setLastModified(SwiftHeaders.lastModifiedMillis(stored.lastModified()));
        headers.setContentLength(0);
        return ResponseEntity.status(HttpStatus.CREATED).headers(headers).build();
    }

    private static void setObjectHeaders(HttpServletResponse response, StoredObject object, String etag) {
        response.setContentType(object.contentType());
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setDateHeader(HttpHeaders.LAST_MODIFIED, SwiftHeaders.lastModifiedMillis(object.lastModified()));
        response.setHeader("X-Timestamp", SwiftHeaders.timestamp(object.lastModified()));
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        if (object.isStaticLargeObject()) {
            response.setHeader("X-Static-Large-Object", "True");
        }
        if (object.isDynamicLargeObject()) {
            response.setHeader("X-Object-Manifest", UriUtils.encodePath(object.dloManifest(), StandardCharsets.UTF_8));
        }
        object.metadata().values().forEach((name, value) ->
                response.addHeader("X-Object-Meta-" + SwiftHeaders.titleCase(name), value));
    }

    /** The content type sent, or one guessed from the name's extension, as Swift does when none is sent. */
    private static String contentType(HttpServletRequest request, String name) {
        String sent = request.getContentType();
        if (sent != null && !sent.isBlank() && !"true".equalsIgnoreCase(request.getHeader("X-Detect-Content-Type"))) {
            return sent;
        }
        String guessed = URLConnection.guessContentTypeFromName(name);
        return guessed != null ? guessed : "application/octet-stream";
    }

    private static SwiftPath objectPath(HttpServletRequest request) {
        SwiftPath path = SwiftPath.of(request);
        if (path.object() == null || path.container() == null) {
            throw new ApiException(404, "The resource could not be found.");
        }
        return path;
    }

    static HttpHeaders html() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, SwiftHeaders.TEXT_HTML);
        return headers;
    }
}
