package io.gpucloud.common.api;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The last line of every API: turns each failure into the service's own fault body. A service
 * declares one {@code @RestControllerAdvice} subclass naming its {@link FaultDialect}. Anything
 * unexpected is logged as a bug and still answered in the same shape, as a 500.
 */
public abstract class FaultHandlerSupport {

    private static final Logger log = LoggerFactory.getLogger(FaultHandlerSupport.class);

    private final FaultDialect dialect;

    protected FaultHandlerSupport(FaultDialect dialect) {
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<Map<String, Object>> apiException(ApiException e) {
        return fault(e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, Object>> unreadableBody(HttpMessageNotReadableException e) {
        return fault(400, null, "The request body is not valid JSON or has the wrong shape.");
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MissingRequestHeaderException.class,
            MethodArgumentTypeMismatchException.class})
    public ResponseEntity<Map<String, Object>> badParameter(Exception e) {
        return fault(400, null, e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<Map<String, Object>> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return fault(405, null, "The method " + e.getMethod() + " is not allowed for this resource.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<Map<String, Object>> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return fault(415, null, "The request content type is not supported; send application/json.");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return fault(406, null, "The requested response type is not available.");
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    public ResponseEntity<Map<String, Object>> noSuchPath(Exception e) {
        return fault(404, null, "The resource could not be found.");
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Map<String, Object>> bug(Exception e, HttpServletRequest request) {
        log.error("unexpected failure serving {} {}", request.getMethod(), request.getRequestURI(), e);
        return fault(500, null, "An unexpected error prevented the server from fulfilling your request.");
    }

    protected ResponseEntity<Map<String, Object>> fault(int status, String code, String message) {
        return ResponseEntity.status(HttpStatus.valueOf(status))
                .contentType(MediaType.APPLICATION_JSON)
                .body(dialect.body(status, code, message, MDC.get("requestId")));
    }
}
