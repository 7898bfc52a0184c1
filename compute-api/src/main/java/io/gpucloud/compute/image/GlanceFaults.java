package io.gpucloud.compute.image;

import io.gpucloud.common.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors of the image API in Glance's shape, not Nova's: Glance answers with its web framework's error page,
 * HTML ({@code text/html}) unless the client asks for JSON, then {@code {"message", "code": "404 Not Found",
 * "title"}}. The SDK turns either into the message it shows. Applies to this package's controllers only; ordered
 * before {@link io.gpucloud.compute.api.ComputeFaults}.
 */
@RestControllerAdvice(basePackageClasses = GlanceFaults.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class GlanceFaults {

    private static final Logger log = LoggerFactory.getLogger(GlanceFaults.class);

    private final JsonMapper json;

    GlanceFaults(JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<String> apiException(ApiException e, HttpServletRequest request) {
        return fault(e.status(), e.getMessage(), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<String> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return fault(400, "The request body is not valid JSON.", request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<String> unsupportedType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return fault(415, "Unsupported Content-Type " + e.getContentType() + ".", request);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MissingRequestHeaderException.class,
            MethodArgumentTypeMismatchException.class})
    ResponseEntity<String> badParameter(Exception e, HttpServletRequest request) {
        return fault(400, e.getMessage(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> bug(Exception e, HttpServletRequest request) {
        log.error("unexpected failure serving {} {}", request.getMethod(), request.getRequestURI(), e);
        return fault(500, "An unexpected error prevented the server from fulfilling your request.", request);
    }

    private ResponseEntity<String> fault(int status, String message, HttpServletRequest request) {
        String title = HttpStatus.valueOf(status).getReasonPhrase();
        String statusLine = status + " " + title;
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("application/json") && !accept.contains("text/html")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message", message);
            body.put("code", statusLine);
            body.put("title", title);
            return ResponseEntity.status(HttpStatus.valueOf(status)).contentType(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsString(body));
        }
        String html = "<html>\n <head>\n  <title>" + statusLine + "</title>\n </head>\n <body>\n  <h1>" + statusLine
                + "</h1>\n  " + HtmlUtils.htmlEscape(message) + "<br /><br />\n\n\n\n </body>\n</html>";
        return ResponseEntity.status(HttpStatus.valueOf(status))
                .contentType(MediaType.parseMediaType("text/html; charset=UTF-8")).body(html);
    }
}
