package io.gpucloud.identity.web;

import io.gpucloud.common.api.FaultDialect;
import io.gpucloud.common.api.FaultHandlerSupport;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every identity failure in Keystone's shape: {@code {"error": {"code", "title", "message"}}}. */
@RestControllerAdvice
public class IdentityFaults extends FaultHandlerSupport {

    public IdentityFaults() {
        super(FaultDialect.KEYSTONE);
    }

    /** Two concurrent creates of one name: the database's unique constraint decides, the loser gets 409. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    public ResponseEntity<java.util.Map<String, Object>> duplicate(DataIntegrityViolationException e) {
        return fault(409, null, "Conflict occurred attempting to store the resource: it already exists.");
    }
}
