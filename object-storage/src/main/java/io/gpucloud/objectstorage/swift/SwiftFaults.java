package io.gpucloud.objectstorage.swift;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.objectstorage.store.StorageException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Swift's error dialect: the status code, and a short HTML body with {@code Content-Type: text/html;
 * charset=UTF-8}, e.g. {@code <html><h1>Not Found</h1><p>The resource could not be found.</p></html>}.
 * Clients act on the status alone. Each storage {@link StorageException.Reason} has its fixed status here.
 */
@RestControllerAdvice
class SwiftFaults {

    private static final Logger log = LoggerFactory.getLogger(SwiftFaults.class);

    @ExceptionHandler(StorageException.class)
    ResponseEntity<String> storage(StorageException e) {
        return fault(statusOf(e.reason()), e.getMessage());
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<String> api(ApiException e) {
        return fault(e.status(), e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<String> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return fault(405, "The method is not allowed for this resource.");
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<String> noSuchPath(Exception e) {
        return fault(404, "The resource could not be found.");
    }

    /** The client went away while an object streamed to it: nothing to answer, nothing to report. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("client disconnected: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> bug(Exception e, HttpServletRequest request) {
        log.error("unexpected failure serving {} {}", request.getMethod(), request.getRequestURI(), e);
        return fault(500, "An error occurred");
    }

    static int statusOf(StorageException.Reason reason) {
        return switch (reason) {
            case NO_SUCH_ACCOUNT, NO_SUCH_CONTAINER, NO_SUCH_OBJECT -> 404;
            case CONTAINER_NOT_EMPTY -> 409;
            case ETAG_MISMATCH -> 422;
            case TOO_LARGE -> 413;
            case INCOMPLETE_BODY -> 499;
            case INVALID_NAME, INVALID_METADATA, INVALID_MANIFEST, INVALID_REQUEST -> 400;
            case PRECONDITION_FAILED -> 412;
            case SEGMENT_CHANGED -> 409;
            // S3 multipart uploads only; Swift never produces these.
            case NO_SUCH_UPLOAD -> 404;
            case INVALID_PART, INVALID_PART_ORDER, PART_TOO_SMALL -> 400;
        };
    }

    static ResponseEntity<String> fault(int status, String message) {
        return ResponseEntity.status(status)
                .header(HttpHeaders.CONTENT_TYPE, SwiftHeaders.TEXT_HTML)
                .body("<html><h1>" + title(status) + "</h1><p>" + escape(message) + "</p></html>");
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Request Entity Too Large";
            case 416 -> "Requested Range Not Satisfiable";
            case 422 -> "Unprocessable Entity";
            case 499 -> "Client Disconnect";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Error" : "Bad Request";
        };
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
